/**
 * Placeholder page until the interactive explorer lands: the seed scenario's
 * headline numbers, straight from the core.
 */
import { evaluate } from '../core';

export function App() {
  const e = evaluate({});
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 760, margin: '2rem auto', padding: '0 1rem' }}>
      <h1>MoE Strategy Explorer</h1>
      <p>The seed scenario: "30B MoE on 16 GPUs".</p>
      <p data-testid="seed-feasible">{e.feasible ? 'Feasible' : 'Infeasible'}: {e.violations.filter((v) => v.severity === 'error').map((v) => v.code).join(', ')}</p>
      <ul>
        {e.violations.map((v) => (
          <li key={v.code}>
            <strong>{v.code}</strong>: {v.message}
          </li>
        ))}
      </ul>
      <p data-testid="seed-params">{(e.params.total / 1e9).toFixed(2)}B parameters (stated: 30B)</p>
    </main>
  );
}
