/**
 * The `yaml` package's functions the engine calls per note, read once. A bundler turns
 * `import { isMap } from 'yaml'` (a CommonJS package) into a read through a getter on every call;
 * these constants are plain bindings. Types and classes still come from 'yaml' directly.
 */
import * as yaml from 'yaml';

export const { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } = yaml;
