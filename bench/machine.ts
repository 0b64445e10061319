import { cpus, totalmem, release, platform } from 'node:os';
import { KAFKA_VERSION } from '../scripts/local-kafka';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  os: string;
  kafka: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()}`,
    kafka: KAFKA_VERSION,
  };
}
