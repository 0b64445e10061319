import { STEP_NAMES, type StepName } from './event-catalog';

/** A setting with a default and per-step overrides (failure rate, stuck rate, latency). */
export interface StepKnob<T> {
  default: T;
  steps: Partial<Record<StepName, T>>;
}

/** What callers may pass: a plain value for every step, or `{ default?, payment?, ... }`. */
export type StepKnobInput<T> = T | ({ default?: T } & Partial<Record<StepName, T>>);

export function resolveStepKnob<T>(
  input: StepKnobInput<T> | undefined,
  fallback: T,
  isValue: (x: unknown) => x is T,
): StepKnob<T> {
  if (input === undefined) return { default: fallback, steps: {} };
  if (isValue(input)) return { default: input, steps: {} };
  const rec = input as { default?: T } & Partial<Record<StepName, T>>;
  const steps: Partial<Record<StepName, T>> = {};
  for (const key of Object.keys(rec)) {
    if (key === 'default') continue;
    if (!(STEP_NAMES as readonly string[]).includes(key)) {
      throw new Error(`unknown step "${key}"; expected one of ${STEP_NAMES.join(', ')}`);
    }
    const v = rec[key as StepName];
    if (v !== undefined) steps[key as StepName] = v;
  }
  return { default: rec.default ?? fallback, steps };
}

export function knobFor<T>(knob: StepKnob<T>, step: StepName): T {
  return knob.steps[step] ?? knob.default;
}

/** Runs `check` on every value (default and overrides); returns the knob so resolution reads as one expression. */
export function checkStepKnob<T>(knob: StepKnob<T>, check: (v: T, where: string) => void): StepKnob<T> {
  check(knob.default, 'default');
  for (const [step, v] of Object.entries(knob.steps)) check(v, step);
  return knob;
}

export function formatStepKnob<T>(knob: StepKnob<T>, format: (v: T) => string): string {
  const overrides = Object.entries(knob.steps).map(([step, v]) => `${step}=${format(v)}`);
  return [format(knob.default), ...overrides].join(', ');
}
