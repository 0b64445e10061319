/**
 * The monitor in a process of its own, API and live feed only (no Next pages, so no production build is needed):
 * what fault tests kill with SIGKILL. Config from SAGA_MONITOR_CONFIG with KAFKA_BROKERS applied, operators from
 * SAGA_MONITOR_OPERATORS, log lines on stderr exactly as `npm start` writes them.
 */
import { loadConfig } from '../config/load-config';
import { consoleLogger } from '../logger';
import { startMonitor } from '../monitor';

const log = consoleLogger();
const config = loadConfig(process.env.SAGA_MONITOR_CONFIG ?? './saga-monitor.config.json', process.env);
const monitor = await startMonitor({ config, port: 0, hostname: '127.0.0.1', log, operators: process.env.SAGA_MONITOR_OPERATORS });
process.stdout.write(`Saga Monitor: ${monitor.url}\n`);
process.once('SIGTERM', () => void monitor.close().then(() => process.exit(0)));
