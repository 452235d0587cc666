/** Strategy search: every strategy the scenario's constraints allow, evaluated and ranked (issue 8). */
export * from './space';
export * from './rows';
export * from './rank';
export * from './search';
export * from './export';
export * from './ties';
