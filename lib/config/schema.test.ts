import { describe, expect, it } from 'vitest';
import { monitorConfigInput } from '../../testing/fixtures/order-fulfilment';
import { MonitorConfig } from './schema';

type Draft = ReturnType<typeof draft>;
/** A deep, loosely typed copy of the fixture config, to break one field at a time. */
const draft = (): any => structuredClone(monitorConfigInput);

describe('MonitorConfig: the fixture config', () => {
  it('parses, with defaults filled in', () => {
    const c = MonitorConfig.parse(monitorConfigInput);
    expect(c.kafka).toEqual({ brokers: ['localhost:9092'], clientId: 'saga-monitor', groupIdPrefix: 'saga-monitor', ssl: false });
    expect(c.sagas.map((s) => [s.type, s.stuckAfterMs])).toEqual([
      ['order-fulfilment', 30_000],
      ['trip-booking', 60_000],
    ]);
    expect(c.sagas[1].rules[1].triggers).toEqual({ effect: 'step-started', step: 'hotel' });
  });

  it('defaults consumerGroups, whole or field by field', () => {
    expect(MonitorConfig.parse(monitorConfigInput).consumerGroups).toEqual({ checkIntervalMs: 5_000, lagRecords: 1_000, stalledAfterMs: 30_000, ignoreGroupPrefixes: [] });
    const d = draft();
    d.consumerGroups = { lagRecords: 10, ignoreGroupPrefixes: ['tools-'] };
    expect(MonitorConfig.parse(d).consumerGroups).toEqual({ checkIntervalMs: 5_000, lagRecords: 10, stalledAfterMs: 30_000, ignoreGroupPrefixes: ['tools-'] });
  });

  it('defaults stuckAfterMs to 30 s', () => {
    const d = draft();
    delete d.sagas[1].stuckAfterMs;
    expect(MonitorConfig.parse(d).sagas[1].stuckAfterMs).toBe(30_000);
  });

  it.each([
    ['a header', { header: 'x-trip' }],
    ['the key', { key: true }],
    ['a nested jsonPath', { jsonPath: '$.trip.ids[0]' }],
  ])('accepts %s as an extractor', (_, extractor) => {
    const d = draft();
    d.sagas[1].sagaId = extractor;
    expect(MonitorConfig.safeParse(d).success).toBe(true);
  });
});

describe('MonitorConfig: errors point at the field', () => {
  it.each<{ name: string; edit: (d: Draft) => void; path: PropertyKey[]; message: RegExp }>([
    {
      name: 'unknown step in a rule',
      edit: (d) => (d.sagas[0].rules[1].step = 'billing'),
      path: ['sagas', 0, 'rules', 1, 'step'],
      message: /unknown step "billing"; declared steps: payment, inventory, shipping/,
    },
    {
      name: 'unknown step in a trigger',
      edit: (d) => (d.sagas[1].rules[0].triggers.step = 'boat'),
      path: ['sagas', 1, 'rules', 0, 'triggers', 'step'],
      message: /unknown step "boat"/,
    },
    {
      name: 'duplicate saga type',
      edit: (d) => (d.sagas[1].type = 'order-fulfilment'),
      path: ['sagas', 1, 'type'],
      message: /duplicate saga type "order-fulfilment"/,
    },
    {
      name: 'extractor: jsonPath without $',
      edit: (d) => (d.sagas[1].sagaId = { jsonPath: 'tripId' }),
      path: ['sagas', 1, 'sagaId', 'jsonPath'],
      message: /a path like \$\.a\.b/,
    },
    {
      name: 'extractor: two sources',
      edit: (d) => (d.sagas[1].sagaId = { header: 'x', key: true }),
      path: ['sagas', 1, 'sagaId'],
      message: /Invalid input/,
    },
    {
      name: 'extractor: key false',
      edit: (d) => (d.sagas[0].rules[0].sagaId = { key: false }),
      path: ['sagas', 0, 'rules', 0, 'sagaId'],
      message: /Invalid input/,
    },
    {
      name: 'extractor: empty header name',
      edit: (d) => (d.sagas[0].eventType = { header: '' }),
      path: ['sagas', 0, 'eventType', 'header'],
      message: /Too small/,
    },
    {
      name: 'step effect without a step',
      edit: (d) => delete d.sagas[0].rules[3].step,
      path: ['sagas', 0, 'rules', 3, 'step'],
      message: /a step effect needs "step"/,
    },
    {
      name: 'matching on eventType with no way to read it',
      edit: (d) => delete d.sagas[1].eventType,
      path: ['sagas', 1, 'rules', 0, 'eventType'],
      message: /needs an "eventType" extractor on the saga type or "eventTypeFrom" on the rule/,
    },
    {
      name: 'unknown effect',
      edit: (d) => (d.sagas[0].rules[0].effect = 'finish'),
      path: ['sagas', 0, 'rules', 0, 'effect'],
      message: /expected one of "start"/,
    },
    {
      name: 'a misspelt rule field',
      edit: (d) => (d.sagas[0].rules[0].evenType = 'OrderRequested'),
      path: ['sagas', 0, 'rules', 0],
      message: /Unrecognized key: "evenType"/,
    },
    {
      name: 'a timeout that is not positive',
      edit: (d) => (d.sagas[0].rules[1].timeoutMs = 0),
      path: ['sagas', 0, 'rules', 1, 'timeoutMs'],
      message: /expected number to be >0/,
    },
    {
      name: 'a trigger effect that is not a start',
      edit: (d) => (d.sagas[1].rules[0].triggers.effect = 'step-completed'),
      path: ['sagas', 1, 'rules', 0, 'triggers', 'effect'],
      message: /Invalid option/,
    },
    { name: 'no steps', edit: (d) => (d.sagas[0].steps = []), path: ['sagas', 0, 'steps'], message: /expected array to have >=1 items/ },
    { name: 'a broker without a port', edit: (d) => (d.kafka.brokers = ['localhost']), path: ['kafka', 'brokers', 0], message: /host:port/ },
    { name: 'no saga types', edit: (d) => (d.sagas = []), path: ['sagas'], message: /expected array to have >=1 items/ },
  ])('$name', ({ edit, path, message }) => {
    const d = draft();
    edit(d);
    const r = MonitorConfig.safeParse(d);
    expect(r.success).toBe(false);
    const issue = r.error?.issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
    expect(issue, `issues: ${JSON.stringify(r.error?.issues.map((i) => i.path))}`).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('reports every broken field at once, across saga types', () => {
    const d = draft();
    d.sagas[0].rules[1].step = 'billing';
    delete d.sagas[0].rules[3].step;
    d.kafka.brokers = ['localhost'];
    const r = MonitorConfig.safeParse(d);
    expect(r.error?.issues.map((i) => i.path).sort()).toEqual(
      [
        ['kafka', 'brokers', 0],
        ['sagas', 0, 'rules', 1, 'step'],
        ['sagas', 0, 'rules', 3, 'step'],
      ].sort(),
    );
  });
});
