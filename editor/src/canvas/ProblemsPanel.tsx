import type { CanvasProblem } from './problems';

interface ProblemsPanelProps {
  problems: readonly CanvasProblem[];
  nodeName(id: string): string;
  onSelectNode(id: string): void;
  onDismiss(): void;
}

/** The server's reasons for refusing a save or an activation; a problem with a node selects it. */
export function ProblemsPanel({ problems, nodeName, onSelectNode, onDismiss }: ProblemsPanelProps) {
  if (problems.length === 0) return null;
  return (
    <section className="problems-panel" aria-label="Problems">
      <header>
        <h2>
          {problems.length} {problems.length === 1 ? 'problem' : 'problems'} to fix
        </h2>
        <button type="button" className="icon-button" aria-label="Hide problems" onClick={onDismiss}>
          ×
        </button>
      </header>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.nodeId ? (
              <button type="button" className="link-button" onClick={() => onSelectNode(problem.nodeId!)}>
                <strong>{nodeName(problem.nodeId)}</strong>: {problem.message}
              </button>
            ) : (
              <span>
                {problem.message} <code>{problem.path}</code>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
