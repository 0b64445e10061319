import { test as base, expect } from '@playwright/test';
import { readStackState, type StackState } from './stack-state';

type Schema<T> = { parse: (x: unknown) => T };

export interface Api {
  /** GET a JSON body from the monitor and validate it with its wire schema. */
  get<T>(path: string, schema: Schema<T>): Promise<T>;
}

/** Tests get the stack global setup started (or E2E_BASE_URL) as `stack`, and `baseURL` pointing at it. */
export const test = base.extend<{ api: Api }, { stack: StackState }>({
  // Playwright reads a fixture's dependencies from its first parameter's destructuring: this one has none.
  // eslint-disable-next-line no-empty-pattern
  stack: [async ({}, use) => use(readStackState()), { scope: 'worker' }],
  baseURL: async ({ stack }, use) => use(stack.baseURL),
  api: async ({ stack }, use) => {
    await use({
      async get(path, schema) {
        const res = await fetch(`${stack.baseURL}${path}`);
        if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        return schema.parse(await res.json());
      },
    });
  },
});

export { expect };
