import { describe, expect, it } from 'vitest';
import { checkStepKnob, formatStepKnob, knobFor, resolveStepKnob } from './step-knob';

const isNumber = (x: unknown): x is number => typeof x === 'number';

describe('step knobs', () => {
  it('uses the fallback when nothing is given', () => {
    expect(resolveStepKnob(undefined, 0.1, isNumber)).toEqual({ default: 0.1, steps: {} });
  });

  it('applies a plain value to every step', () => {
    const k = resolveStepKnob(0.2, 0.1, isNumber);
    expect(knobFor(k, 'payment')).toBe(0.2);
    expect(knobFor(k, 'car')).toBe(0.2);
  });

  it('overrides single steps and keeps the default for the rest', () => {
    const k = resolveStepKnob({ inventory: 0.5 }, 0.1, isNumber);
    expect(knobFor(k, 'inventory')).toBe(0.5);
    expect(knobFor(k, 'payment')).toBe(0.1);
    expect(knobFor(resolveStepKnob({ default: 0, hotel: 1 }, 0.1, isNumber), 'flight')).toBe(0);
  });

  it('rejects unknown steps', () => {
    expect(() => resolveStepKnob({ paymnt: 1 } as never, 0.1, isNumber)).toThrow(/unknown step "paymnt"/);
  });

  it('checks every value and formats overrides after the default', () => {
    const k = resolveStepKnob({ default: 0.1, car: 0.3 }, 0, isNumber);
    const seen: string[] = [];
    checkStepKnob(k, (_v, where) => seen.push(where));
    expect(seen).toEqual(['default', 'car']);
    expect(formatStepKnob(k, String)).toBe('0.1, car=0.3');
  });
});
