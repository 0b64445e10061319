/** The operator the e2e stack is started with (SAGA_MONITOR_OPERATORS); a test-only token. */
export const E2E_OPERATOR = 'e2e-operator';
export const E2E_OPERATOR_TOKEN = 'e2e-token-not-secret-0001';
export const E2E_OPERATORS = `${E2E_OPERATOR}:${E2E_OPERATOR_TOKEN}`;
