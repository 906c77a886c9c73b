import ExcelJS from 'exceljs';
import { ProgrammeYearFiguresDto, ProgrammeYearReportDto } from './reports.dto';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const YUAN_FORMAT = '#,##0.00';
const TEXT_FORMAT = '@';

/** 项目 names as finance bureaus write them. */
export const PROGRAMME_NAMES_ZH: Readonly<Record<string, string>> = {
  seat: '岗位补贴',
  siteLease: '场地租赁补贴',
  siteRenovation: '场地装修补贴',
  sitePurchase: '场地购置补贴',
  internship: '实习补贴',
};

const FIGURE_COLUMNS: readonly { key: keyof ProgrammeYearFiguresDto; header: string }[] = [
  { key: 'approvedFen', header: '批准金额(元)' },
  { key: 'paidFen', header: '已支付金额(元)' },
  { key: 'returnedFen', header: '退票金额(元)' },
  { key: 'dueBackFen', header: '应追回金额(元)' },
  { key: 'recoveredFen', header: '已追回金额(元)' },
  { key: 'remittedFen', header: '已缴库金额(元)' },
];

/** Fen to yuan for a cell shown to two decimals: exact to the cent at that format. */
const yuan = (fen: number) => fen / 100;

interface TextColumn {
  header: string;
  width: number;
}

function sheetOf(
  workbook: ExcelJS.Workbook,
  name: string,
  textColumns: readonly TextColumn[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...textColumns.map((c) => ({
      header: c.header,
      width: c.width,
      style: { numFmt: TEXT_FORMAT },
    })),
    ...FIGURE_COLUMNS.map((c) => ({ header: c.header, width: 16, style: { numFmt: YUAN_FORMAT } })),
  ];
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

const figures = (f: ProgrammeYearFiguresDto) => FIGURE_COLUMNS.map((c) => yuan(f[c.key]));

/**
 * The report as an `.xlsx` workbook: a sheet per section (项目汇总, 企业, 学校),
 * Chinese headers, amounts in yuan as numbers formatted `#,##0.00`, names,
 * credit codes and IDs as text cells (an 18-character code never becomes a
 * number).
 */
export async function programmeYearWorkbook(report: ProgrammeYearReportDto): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(report.generatedAt ?? 0);
  const programmes = sheetOf(workbook, '项目汇总', [
    { header: '项目', width: 16 },
    { header: '项目代码', width: 16 },
  ]);
  for (const p of report.programmes) {
    programmes.addRow([PROGRAMME_NAMES_ZH[p.programme] ?? p.programme, p.programme, ...figures(p)]);
  }
  programmes.addRow(['合计', '', ...figures(report.totals)]).font = { bold: true };

  const enterprises = sheetOf(workbook, '企业', [
    { header: '项目', width: 16 },
    { header: '企业名称', width: 30 },
    { header: '统一社会信用代码', width: 22 },
  ]);
  const schools = sheetOf(workbook, '学校', [
    { header: '项目', width: 16 },
    { header: '学校名称', width: 30 },
    { header: '学校编号', width: 22 },
  ]);
  for (const p of report.parties) {
    const programme = PROGRAMME_NAMES_ZH[p.programme] ?? p.programme;
    if (p.partyKind === 'enterprise') {
      enterprises.addRow([programme, p.name ?? '', p.creditCode ?? p.partyId, ...figures(p)]);
    } else {
      schools.addRow([programme, p.name ?? '', p.partyId, ...figures(p)]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
