/**
 * The post-mortem as an A4 PDF (pdfkit, standard fonts as in strategy/plan-pdf.ts): headings, paragraphs and
 * ruled tables.
 */
import PDFDocument from 'pdfkit';
import type { PostmortemBlock, PostmortemDocument } from './postmortem-document.ts';

const margin = 50;
const pageWidth = 595.28; // A4
const contentWidth = pageWidth - 2 * margin;

/** The standard fonts (WinAnsi) have no narrow or plain no-break space, nor arrows: plain equivalents. */
function printable(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ').replace(/→/g, '->');
}

function renderTable(document: PDFKit.PDFDocument, block: Extract<PostmortemBlock, { kind: 'table' }>): void {
  const lengths = block.columns.map((column, index) =>
    Math.min(60, Math.max(column.length, ...block.rows.map((row) => (row[index] ?? '').length), 12)),
  );
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const widths = lengths.map((length) => (length / total) * contentWidth);
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
      document.text(printable(cell), x + padding, top + padding, { width: width - 2 * padding });
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
  row(block.columns, true);
  for (const cells of block.rows) row(cells, false);
  document.moveDown(0.6);
}

/**
 * Renders a post-mortem document (see `postmortemDocument`).
 * @example const pdf = await renderPostmortemPdf(postmortemDocument(room, 'fr'), 'fr'); // Buffer starting with %PDF
 */
export async function renderPostmortemPdf(doc: PostmortemDocument, locale: 'fr' | 'en'): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4', margin, info: { Title: printable(doc.title) }, lang: locale });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.font('Helvetica-Bold').fontSize(18).text(printable(doc.title), { width: contentWidth });
  document.font('Helvetica').fontSize(10).fillColor('#555555').text(printable(doc.subtitle)).fillColor('#000000');
  document.moveDown();
  for (const block of doc.blocks) {
    document.x = margin;
    if (block.kind === 'heading') {
      if (document.y > document.page.height - margin - 80) document.addPage();
      document.moveDown(0.5);
      document.font('Helvetica-Bold').fontSize(13).text(printable(block.text), { width: contentWidth });
      document.moveDown(0.3);
    } else if (block.kind === 'paragraph') {
      document.font('Helvetica').fontSize(10).text(printable(block.text), { width: contentWidth });
      document.moveDown(0.4);
    } else renderTable(document, block);
  }
  document.end();
  return finished;
}
