import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tsxSourceLines } from './profile-source-lines';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** A file of this repository with functions at known lines; read now, so the test follows its edits. */
const FILE = path.join(HERE, 'profile-window.ts');
const SOURCE = readFileSync(FILE, 'utf8');
const lineOf = (text: string) => SOURCE.split('\n').findIndex((l) => l.includes(text)) + 1;

/** The column V8 records for a named function: its parameter list, in the one-line module tsx runs. */
function columnOf(name: string): number {
  const { code } = transformSync(SOURCE, { target: `node${process.versions.node}`, loader: 'ts', minifyWhitespace: true, keepNames: true, format: 'esm', sourcefile: FILE });
  const at = code.indexOf(`function ${name}(`);
  expect(at).toBeGreaterThan(0);
  return at + `function ${name}`.length;
}

describe('tsxSourceLines', () => {
  const sourceLine = tsxSourceLines();
  const url = pathToFileURL(FILE).href;

  it('maps a frame of a module tsx ran back to the line of its function', () => {
    expect(sourceLine({ functionName: 'coverage', url, lineNumber: 0, columnNumber: columnOf('coverage') })).toBe(lineOf('export function coverage('));
    expect(sourceLine({ functionName: 'spanOfFrames', url, lineNumber: 0, columnNumber: columnOf('spanOfFrames') })).toBe(lineOf('export function spanOfFrames('));
  });

  it('gives no line when the code at the column no longer fits the frame', () => {
    expect(sourceLine({ functionName: 'renamedSince', url, lineNumber: 0, columnNumber: columnOf('coverage') })).toBeNull();
  });

  it('leaves frames of other files, and frames not on the first line, to their recorded line', () => {
    expect(sourceLine({ functionName: 'processTicksAndRejections', url: 'node:internal/process/task_queues', lineNumber: 0, columnNumber: 5 })).toBeUndefined();
    expect(sourceLine({ functionName: 'x', url: pathToFileURL(path.join(HERE, '..', 'node_modules', 'kafkajs', 'index.js')).href, lineNumber: 0, columnNumber: 1 })).toBeUndefined();
    expect(sourceLine({ functionName: 'coverage', url, lineNumber: 7, columnNumber: 1 })).toBeUndefined();
  });
});
