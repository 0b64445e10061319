import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

/** Where a profile's frame is in its file: zero-based, as V8 writes them. */
export interface FramePosition {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

/**
 * One-based line in the original source; null for a frame of a file this maps whose line cannot be told for sure;
 * undefined for a frame of any other file (its recorded line is right).
 */
export type SourceLineOf = (f: FramePosition) => number | null | undefined;

const TS_FILE = /\.(c|m)?tsx?$/;

/**
 * The options tsx 4 hands esbuild for an ES module (its loader's shared options plus format): the same options give
 * the same code, so the columns V8 recorded point into this output.
 */
function tsxLikeOutput(file: string, source: string): { code: string; map: SourceMap } {
  const r = transformSync(source, {
    target: `node${process.versions.node}`,
    loader: file.endsWith('x') ? 'tsx' : 'ts',
    sourcemap: true,
    minifyWhitespace: true,
    keepNames: true,
    format: 'esm',
    sourcefile: file,
  });
  return { code: r.code, map: new SourceMap(JSON.parse(r.map) as ConstructorParameters<typeof SourceMap>[0]) };
}

/**
 * tsx strips whitespace from every TypeScript file it loads, so each of their frames sits on line 1 of a one-line
 * module. This maps the frame's column back to the line of the source as it is on disk now. A frame is trusted only
 * where the code at its column still fits it (V8 points at the parameter list, just after a named function's name),
 * so a file edited since the profile was taken yields null rather than a wrong line.
 */
export function tsxSourceLines(): SourceLineOf {
  const outputs = new Map<string, { code: string; map: SourceMap } | null>();
  const outputOf = (file: string) => {
    if (!outputs.has(file)) {
      try {
        outputs.set(file, tsxLikeOutput(file, readFileSync(file, 'utf8')));
      } catch {
        outputs.set(file, null);
      }
    }
    return outputs.get(file)!;
  };
  return (f) => {
    if (!f.url.startsWith('file://') || f.lineNumber !== 0) return undefined;
    const file = fileURLToPath(f.url);
    if (!TS_FILE.test(path.basename(file)) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
    if (f.columnNumber === undefined) return null;
    const out = outputOf(file);
    if (!out) return null;
    const col = f.columnNumber;
    const name = f.functionName;
    if (name && out.code.slice(col - name.length, col) !== name) return null;
    const entry = out.map.findEntry(0, col) as { originalLine?: number } | undefined;
    return entry?.originalLine === undefined ? null : entry.originalLine + 1;
  };
}
