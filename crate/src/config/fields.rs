//! The config's keys with their values as serde writes them, without a JSON value tree: a small
//! serde `Serializer` that lists a struct's fields with their scalar values. `Config::get`,
//! `to_query` and the schema's defaults read it, so the wasm module carries no serde_json (nor
//! the maps of its values). The text of each value is the one serde_json would write.

use super::number_text::float_text;
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use std::fmt;

/// One field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    UInt(u64),
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    /// The text `Config::set` reads back: as JSON writes the value, a string without quotes.
    pub fn text(&self) -> String {
        match self {
            Scalar::Null => "null".into(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::UInt(u) => u.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => float_text(*f),
            Scalar::Text(s) => s.clone(),
        }
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Null => s.serialize_unit(),
            Scalar::Bool(b) => s.serialize_bool(*b),
            Scalar::UInt(u) => s.serialize_u64(*u),
            Scalar::Int(i) => s.serialize_i64(*i),
            Scalar::Float(f) => s.serialize_f64(*f),
            Scalar::Text(t) => s.serialize_str(t),
        }
    }
}

/// The fields of `value` (a struct of scalars) in their serialized order, with serde's names.
pub fn fields<T: Serialize>(value: &T) -> Result<Vec<(&'static str, Scalar)>, NotScalar> {
    value.serialize(Fields)
}

/// A value that is not a struct of scalars.
#[derive(Debug)]
pub struct NotScalar;

impl fmt::Display for NotScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a struct of scalar values")
    }
}

impl std::error::Error for NotScalar {}

impl ser::Error for NotScalar {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotScalar
    }
}

/// Every kind of value but those named: not a scalar.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, NotScalar> {
            Err(NotScalar)
        })*
    };
}

macro_rules! compound_refused {
    () => {
        type SerializeSeq = Impossible<Self::Ok, NotScalar>;
        type SerializeTuple = Impossible<Self::Ok, NotScalar>;
        type SerializeTupleStruct = Impossible<Self::Ok, NotScalar>;
        type SerializeTupleVariant = Impossible<Self::Ok, NotScalar>;
        type SerializeMap = Impossible<Self::Ok, NotScalar>;
        type SerializeStructVariant = Impossible<Self::Ok, NotScalar>;

        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotScalar> {
            Err(NotScalar)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, NotScalar> {
            Err(NotScalar)
        }
    };
}

/// One field's value.
struct Value;

impl Serializer for Value {
    type Ok = Scalar;
    type Error = NotScalar;
    type SerializeStruct = Impossible<Scalar, NotScalar>;
    compound_refused!();
    refuse!(serialize_bytes(&[u8]));

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_bool(self, v: bool) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Scalar, NotScalar> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Scalar, NotScalar> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Scalar, NotScalar> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Scalar, NotScalar> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Scalar, NotScalar> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Scalar, NotScalar> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Scalar, NotScalar> {
        Ok(Scalar::UInt(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Scalar, NotScalar> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Scalar, NotScalar> {
        // As serde_json: a number that is not finite is null.
        Ok(if v.is_finite() {
            Scalar::Float(v)
        } else {
            Scalar::Null
        })
    }
    fn serialize_char(self, v: char) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn serialize_none(self) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Scalar, NotScalar> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Scalar, NotScalar> {
        Ok(Scalar::Text(variant.to_string()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Scalar, NotScalar> {
        v.serialize(self)
    }
}

/// The struct: its fields.
struct Fields;

/// The fields gathered so far.
struct Gathered(Vec<(&'static str, Scalar)>);

impl SerializeStruct for Gathered {
    type Ok = Vec<(&'static str, Scalar)>;
    type Error = NotScalar;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), NotScalar> {
        self.0.push((key, v.serialize(Value)?));
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, NotScalar> {
        Ok(self.0)
    }
}

impl Serializer for Fields {
    type Ok = Vec<(&'static str, Scalar)>;
    type Error = NotScalar;
    type SerializeStruct = Gathered;
    compound_refused!();
    refuse!(
        serialize_bytes(&[u8]),
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_struct(self, _: &'static str, n: usize) -> Result<Gathered, NotScalar> {
        Ok(Gathered(Vec::with_capacity(n)))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<Self::Ok, NotScalar> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Self::Ok, NotScalar> {
        v.serialize(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn every_key_reads_as_serde_json_writes_it() {
        let mut config = Config::default();
        config.set("hidden", "8,3").unwrap();
        config.set("lr", "0.003").unwrap();
        config.set("nesterov", "true").unwrap();
        config.set("stopAtLoss", "1e-7").unwrap();
        let json = serde_json::to_value(&config).unwrap();
        let listed = fields(&config).unwrap();
        assert_eq!(listed.len(), json.as_object().unwrap().len());
        for (key, value) in &listed {
            let expected = match &json[*key] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(value.text(), expected, "{key}");
            // And the same JSON as a value of its own.
            assert_eq!(serde_json::to_value(value).unwrap(), json[*key], "{key}");
        }
        assert!(fields(&1.5).is_err());
        assert!(fields(&vec![1]).is_err());
    }
}
