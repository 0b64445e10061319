import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** JAVA_HOME wins over PATH, as in Kafka's own launch scripts. */
export function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function classpath(libs: string): string {
  return join(libs, '*');
}

/** Runs a short-lived Kafka tool class and returns its stdout; rejects with its output when it fails. */
export function runKafkaTool(libs: string, mainClass: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(javaBinary(), ['-cp', classpath(libs), mainClass, ...args], (error, stdout, stderr) => {
      if (error) reject(new Error(`${mainClass} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}
