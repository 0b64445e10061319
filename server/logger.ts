export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Plain lines on stderr with a time stamp: the monitor's output is meant for operators and log collectors. */
export function consoleLogger(prefix = 'saga-monitor'): Logger {
  const line = (level: string, msg: string) => process.stderr.write(`${new Date().toISOString()} ${level} ${prefix}: ${msg}\n`);
  return { info: (m) => line('INFO', m), warn: (m) => line('WARN', m), error: (m) => line('ERROR', m) };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
