use featurespace::views::SpaceView;
use featurespace::{Config, Session};
fn main() {
    for q in [
        "hidden=8,8",
        "hidden=64,64&points=2000",
        "hidden=256&points=2000",
        "hidden=256,256&points=1000",
    ] {
        let (c, e) = Config::from_query(q);
        assert!(e.is_empty(), "{e:?}");
        let mut s = Session::new(c);
        s.step(1);
        let mut v = SpaceView::new(1, 64);
        v.set_extras(std::env::var("WARP").is_ok(), false);
        if std::env::var("PROJ").is_ok() {
            v.set_axes(featurespace::views::AxesRequest::parse("1,2").unwrap());
        }
        s.render(&mut v);
        let t = std::time::Instant::now();
        for _ in 0..10 {
            s.render(&mut v);
        }
        println!("{q}: {:.2} ms/render", t.elapsed().as_secs_f64() * 100.0);
    }
}
