// Reading and writing .xlsx files in the tests (exceljs), and valid test ID numbers.
import ExcelJS from 'exceljs';

export async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => cellText(v));
    rows.push(values);
  });
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
}

export async function writeSheet(file: string, rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

/** A valid 18-digit resident ID number (GB 11643 checksum) for 宜君县. */
export function idNumber(birth: string, seq: number, gender: 'male' | 'female'): string {
  const order = String((seq % 50) * 2 + (gender === 'male' ? 1 : 0) + 100).slice(-3);
  const body = `610222${birth.replaceAll('-', '')}${order}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
