import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KAFKA_VERSION, LOG4J_VERSION } from './kafka-version';
import { KAFKA_HOME, libsDir } from './paths';

/** Written last into a resolved folder: a libs folder without it is never used. */
const COMPLETE_MARKER = '.complete';

/** Pinned so resolution does not depend on whatever plugin version Maven would pick today. */
const COPY_DEPENDENCIES = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';

/** Often enough that a first use (a minute or more) never looks hung. */
const PROGRESS_INTERVAL_MS = 3_000;

/** Maven output kept for the error message when resolution fails. */
const MAVEN_TAIL_LINES = 30;

function throwawayPom(): string {
  const dependency = (group: string, artifact: string, version: string) =>
    `    <dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version></dependency>`;
  return [
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>local.saga-monitor</groupId><artifactId>local-kafka</artifactId><version>1</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    dependency('org.apache.kafka', 'kafka_2.13', KAFKA_VERSION),
    dependency('org.apache.logging.log4j', 'log4j-slf4j-impl', LOG4J_VERSION),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

function runMaven(pom: string, outputDir: string, onProgress: (line: string) => void): Promise<void> {
  // Not -q: Maven's "Downloaded from" lines are the file count the progress line shows.
  const args = ['-B', '-Dstyle.color=never', '-f', pom, COPY_DEPENDENCIES, '-DincludeScope=runtime'];
  args.push(`-DoutputDirectory=${outputDir}`);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tail: string[] = [];
    let downloaded = 0;
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line: string) => {
      if (line.includes('Downloaded from ')) downloaded++;
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > MAVEN_TAIL_LINES) tail.shift();
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    const ticker = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      onProgress(`resolving Kafka ${KAFKA_VERSION} jars: ${seconds}s elapsed, ${downloaded} files downloaded`);
    }, PROGRESS_INTERVAL_MS);
    child.once('error', (error) => {
      clearInterval(ticker);
      reject(new Error(`cannot run mvn (is Maven installed?): ${error.message}`));
    });
    child.once('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`mvn exited with ${code} resolving Kafka ${KAFKA_VERSION}:\n${tail.join('\n')}`));
    });
  });
}

/**
 * Returns the folder holding kafka_2.13 and its runtime classpath, resolving it with Maven on first use.
 * Resolution happens in a private temp folder renamed into place when complete, so a half-resolved folder is
 * never used and two concurrent first starts cannot corrupt each other (the loser of the rename keeps the winner's).
 */
export async function ensureKafkaJars(onProgress: (line: string) => void): Promise<string> {
  const target = libsDir(KAFKA_VERSION);
  if (existsSync(join(target, COMPLETE_MARKER))) return target;

  await mkdir(KAFKA_HOME, { recursive: true });
  const work = await mkdtemp(join(KAFKA_HOME, `.resolving-${KAFKA_VERSION}-`));
  try {
    onProgress(
      `first use: resolving Apache Kafka ${KAFKA_VERSION} from Maven Central into ${target} ` +
        '(only once; can take a minute or two)',
    );
    const pom = join(work, 'pom.xml');
    const staged = join(work, 'libs');
    await writeFile(pom, throwawayPom());
    await runMaven(pom, staged, onProgress);
    const jars = (await readdir(staged)).filter((name) => name.endsWith('.jar'));
    if (!jars.includes(`kafka_2.13-${KAFKA_VERSION}.jar`)) {
      throw new Error(`Maven finished but kafka_2.13-${KAFKA_VERSION}.jar is missing from ${staged}`);
    }
    if (!jars.includes(`log4j-core-${LOG4J_VERSION}.jar`)) {
      throw new Error(`LOG4J_VERSION ${LOG4J_VERSION} is not the log4j-core Kafka ${KAFKA_VERSION} brings: ${jars.join(' ')}`);
    }
    await writeFile(join(staged, COMPLETE_MARKER), `${jars.length} jars\n`);
    try {
      await rename(staged, target);
    } catch (error) {
      // A concurrent first start won the rename: its folder is complete too. Anything else there is not ours.
      if (!existsSync(join(target, COMPLETE_MARKER))) {
        throw new Error(`cannot move resolved jars to ${target} (remove it if it is a stale folder): ${String(error)}`);
      }
    }
    onProgress(`resolved ${jars.length} jars for Kafka ${KAFKA_VERSION}`);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
