import { planDocument, type Plan, type PlanDocumentBlock, type PlanLocale } from '@sillage/domain';

function Block({ block }: { block: PlanDocumentBlock }) {
  switch (block.kind) {
    case 'heading':
      return <h4 className="plan-doc__heading">{block.text}</h4>;
    case 'paragraph':
      return <p className="plan-doc__paragraph">{block.text}</p>;
    case 'list': {
      const items = block.items.map((item, index) => <li key={index}>{item}</li>);
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="table-wrap">
          <table className="table plan-doc__table">
            <thead>
              <tr>
                {block.columns.map((column) => (
                  <th key={column.label} scope="col" className={column.align === 'right' ? 'align-end' : 'align-start'}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} className={block.columns[index]?.align === 'right' ? 'align-end' : 'align-start'}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/**
 * The plan as the exports print it (the domain's planDocument: the same words as the PDF and the Markdown),
 * in the interface's language.
 */
export function PlanDocumentView({ plan, locale }: { plan: Plan; locale: PlanLocale }) {
  const document = planDocument(plan, locale);
  return (
    <div className="plan-doc">
      {document.sections.map((section) => (
        <section key={section.id} className="card plan-doc__section" data-section={section.id}>
          <h3 className="plan-doc__title">{section.title}</h3>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </section>
      ))}
    </div>
  );
}
