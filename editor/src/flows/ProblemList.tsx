import type { FlowProblem } from '../api/types';

/** Where in the file a problem is, in words: its JSON path and the node it concerns. */
export function whereOf(problem: FlowProblem): string {
  const path = problem.path || 'the file';
  return problem.nodeId ? `${path} (node “${problem.nodeId}”)` : path;
}

/** Every problem of a flow as "where → what". */
export function ProblemList({ problems }: { problems: FlowProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="flows-problems">
      {problems.map((problem, index) => (
        <li key={`${problem.path}-${index}`}>
          <code>{whereOf(problem)}</code> → {problem.message}
        </li>
      ))}
    </ul>
  );
}
