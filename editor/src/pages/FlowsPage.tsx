export function FlowsPage() {
  return <main className="page">Flows</main>;
}
