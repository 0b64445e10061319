import { describe, expect, it } from 'vitest';
import type { StuckView } from '../wire/rest';
import { expectedRecords, waitingSentence, waitingSince, waitingSubject } from './waiting';

const carStuck: StuckView = {
  since: 18_000,
  step: 'car',
  phase: 'step',
  thresholdMs: 8_000,
  reason: 'step car started and got no reply within 8 s',
  waitingFor: [
    { topic: 'cars.events', eventType: 'CarRented' },
    { topic: 'cars.events', eventType: 'CarRentalFailed' },
  ],
};

describe('expectedRecords', () => {
  it.each([
    { name: 'nothing', w: [], out: null },
    { name: 'one topic, two types', w: carStuck.waitingFor, out: 'CarRented or CarRentalFailed on cars.events' },
    {
      name: 'two topics in server order',
      w: [
        { topic: 'payment.events', eventType: 'PaymentRefunded' },
        { topic: 'orders.failed', eventType: null },
      ],
      out: 'PaymentRefunded on payment.events; any record on orders.failed',
    },
    { name: 'duplicates collapse', w: [carStuck.waitingFor[0], carStuck.waitingFor[0]], out: 'CarRented on cars.events' },
  ])('$name', ({ w, out }) => {
    expect(expectedRecords(w)).toBe(out);
  });
});

describe('waitingSubject', () => {
  it.each([
    { step: 'car', phase: 'step' as const, out: 'step car' },
    { step: 'payment', phase: 'compensation' as const, out: 'the compensation of step payment' },
    { step: null, phase: null, out: 'the saga to advance' },
  ])('$out', ({ step, phase, out }) => {
    expect(waitingSubject({ step, phase })).toBe(out);
  });
});

describe('waitingSentence', () => {
  it('names the step, the wait since the last event and what it expects', () => {
    expect(waitingSince(carStuck)).toBe(10_000);
    expect(waitingSentence(carStuck, 75_000)).toBe(
      'Waiting for step car for 1 min 5 s, expecting CarRented or CarRentalFailed on cars.events.',
    );
  });
  it('says so when no record is expected', () => {
    expect(waitingSentence({ ...carStuck, step: null, phase: null, waitingFor: [] }, 40_000)).toBe(
      'Waiting for the saga to advance for 30 s; no configured record is expected.',
    );
  });
});
