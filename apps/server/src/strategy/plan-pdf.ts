/**
 * The plan as a PDF: the same translated document as the Markdown export (the domain's planDocument), laid
 * out as text with headings and ruled tables. Standard PDF fonts, so no font file to ship.
 */
import type { PlanDocument, PlanDocumentBlock } from '@sillage/domain';
import PDFDocument from 'pdfkit';

const margin = 50;
const pageWidth = 595.28; // A4
const contentWidth = pageWidth - 2 * margin;

/** The standard fonts (WinAnsi) have no narrow or plain no-break space: French numbers use a plain space. */
function printable(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** Column widths proportional to the longest cell of each column, with a floor so no column is squeezed out. */
function columnWidths(block: Extract<PlanDocumentBlock, { kind: 'table' }>): number[] {
  const lengths = block.columns.map((column, index) =>
    Math.min(60, Math.max(column.label.length, ...block.rows.map((row) => (row[index] ?? '').length), 4)),
  );
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return lengths.map((length) => (length / total) * contentWidth);
}

function renderTable(document: PDFKit.PDFDocument, block: Extract<PlanDocumentBlock, { kind: 'table' }>): void {
  const widths = columnWidths(block);
  const padding = 3;
  const row = (cells: readonly string[], bold: boolean) => {
    document.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((cell, index) =>
      document.heightOfString(printable(cell), { width: (widths[index] ?? 0) - 2 * padding }),
    );
    const height = Math.max(...heights, 10) + 2 * padding;
    if (document.y + height > document.page.height - margin) document.addPage();
    const top = document.y;
    let x = margin;
    cells.forEach((cell, index) => {
      const width = widths[index] ?? 0;
      document.text(printable(cell), x + padding, top + padding, {
        width: width - 2 * padding,
        align: block.columns[index]?.align === 'right' ? 'right' : 'left',
      });
      x += width;
    });
    document
      .moveTo(margin, top + height)
      .lineTo(margin + contentWidth, top + height)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor('#888888')
      .stroke();
    document.x = margin;
    document.y = top + height;
  };
  row(
    block.columns.map((column) => column.label),
    true,
  );
  for (const cells of block.rows) row(cells, false);
  document.moveDown(0.6);
}

function renderBlock(document: PDFKit.PDFDocument, block: PlanDocumentBlock): void {
  document.x = margin;
  switch (block.kind) {
    case 'heading':
      document.moveDown(0.4);
      document.font('Helvetica-Bold').fontSize(12).text(printable(block.text), { width: contentWidth });
      document.moveDown(0.2);
      return;
    case 'paragraph':
      document.font('Helvetica').fontSize(10).text(printable(block.text), { width: contentWidth });
      document.moveDown(0.4);
      return;
    case 'list':
      document.font('Helvetica').fontSize(10);
      block.items.forEach((item, index) =>
        document.text(`${block.ordered ? `${index + 1}.` : '•'} ${printable(item)}`, margin + 10, undefined, {
          width: contentWidth - 10,
        }),
      );
      document.moveDown(0.4);
      return;
    case 'table':
      return renderTable(document, block);
  }
}

/**
 * Renders a plan document (see `planDocument`) as an A4 PDF.
 * @example const pdf = await renderPlanPdf(planDocument(plan, 'fr'), 'Version 2'); // Buffer starting with %PDF
 */
export async function renderPlanPdf(planDoc: PlanDocument, subtitle: string): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: printable(planDoc.title) },
    lang: planDoc.locale,
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.font('Helvetica-Bold').fontSize(18).text(printable(planDoc.title), { width: contentWidth });
  document.font('Helvetica').fontSize(10).fillColor('#555555').text(printable(subtitle)).fillColor('#000000');
  document.moveDown();
  for (const section of planDoc.sections) {
    if (document.y > document.page.height - margin - 80) document.addPage();
    document.x = margin;
    document.moveDown(0.5);
    document.font('Helvetica-Bold').fontSize(14).text(printable(section.title), { width: contentWidth });
    document.moveDown(0.3);
    for (const block of section.blocks) renderBlock(document, block);
  }
  document.end();
  return finished;
}
