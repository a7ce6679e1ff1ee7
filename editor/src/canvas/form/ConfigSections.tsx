import { useMemo } from 'react';
import type { NodeType } from '../../api/types';
import { formSections, splitSections } from './form-layout';
import { PropertyFields } from './ObjectField';

interface ConfigSectionsProps {
  nodeType: NodeType;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  idBase: string;
  problems: ReadonlyMap<string, string[]>;
}

/** A node's config form, its fields grouped under headed sections where its type has them (the webhook trigger's guards). */
export function ConfigSections({ nodeType, value, onChange, idBase, problems }: ConfigSectionsProps) {
  const sections = useMemo(() => splitSections(nodeType.configSchema, formSections[nodeType.type]), [nodeType]);
  return sections.map((section) => {
    const fields = <PropertyFields schema={section.schema} value={value} onChange={onChange} path="" idBase={idBase} problems={problems} />;
    if (!section.title) return <div key="general" className="settings-section">{fields}</div>;
    return (
      <section key={section.title} className="settings-section" aria-label={section.title}>
        <h3 className="settings-section-title">{section.title}</h3>
        {section.description && <p className="field-help">{section.description}</p>}
        {fields}
      </section>
    );
  });
}
