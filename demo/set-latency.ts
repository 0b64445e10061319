import type { StepName } from './event-catalog';
import { checkLatencyRange, isLatencyRange, type LatencyRange } from './latency';
import type { ResolvedDemoOptions } from './options';
import { checkStepKnob, resolveStepKnob } from './step-knob';

/**
 * Changes one step's worker latency on running options. Workers read the knob for every record they handle, so
 * commands handled from now on get the new delay and replies already scheduled keep theirs. Validated like the
 * `latency` option; on a bad step or range nothing changes.
 */
export function setStepLatency(opts: Pick<ResolvedDemoOptions, 'latency'>, step: StepName, range: LatencyRange): void {
  const input = { default: opts.latency.default, ...opts.latency.steps, [step]: range };
  opts.latency = checkStepKnob(resolveStepKnob(input, opts.latency.default, isLatencyRange), (v) => checkLatencyRange(v));
}
