import { describe, expect, it } from 'vitest';
import * as scenario from './index';

describe('scenario public API', () => {
  it('re-exports the pieces other folders use', () => {
    expect(Object.keys(scenario).sort()).toEqual([
      'DEFAULT_SCENARIO',
      'FIELDS',
      'FRAMEWORK_SWITCHES',
      'MIGRATIONS',
      'OBJECTS',
      'RANK_ORDERS',
      'ROOT_PATH',
      'SCENARIO_VERSION',
      'VERSION_WHEN_ABSENT',
      'checkStrategy',
      'checkValue',
      'describeAllowed',
      'fieldByPath',
      'formatValue',
      'frameworkAssumptions',
      'frameworkSwitches',
      'migrateDocument',
      'objectByPath',
      'parseScenario',
      'withFrameworkDefaults',
    ]);
  });
});
