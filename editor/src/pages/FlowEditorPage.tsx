export function FlowEditorPage({ flowId }: { flowId: string }) {
  return <main className="page">Flow {flowId}</main>;
}
