// For the single-script builds: the fallback wasm module's bytes, inlined by the bundler, handed
// to the core loader before any element starts (this module is imported first).
import bytes from '../pkg/featurespace_fallback_bg.wasm';
import { provideWasm } from './core.js';

provideWasm(bytes);
