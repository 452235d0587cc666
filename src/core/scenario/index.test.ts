import { describe, expect, it } from 'vitest';
import * as scenario from './index';

describe('scenario public API', () => {
  it('re-exports the pieces other folders use', () => {
    expect(Object.keys(scenario).sort()).toEqual([
      'DEFAULT_SCENARIO', 'FIELDS', 'OBJECTS', 'RANK_ORDERS', 'ROOT_PATH',
      'checkStrategy', 'checkValue', 'describeAllowed', 'fieldByPath', 'formatValue', 'objectByPath', 'parseScenario',
    ]);
  });
});
