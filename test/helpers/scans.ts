import { PDFDocument } from 'pdf-lib';

/** The text of the scanned notice the OCR tests render and read back (src/ocr/scans.ts). */
export const NOTICE = [
  'CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC',
  'Số: 45/TB-VTLTNN',
  'Hà Nội, ngày 14 tháng 8 năm 1997',
  '',
  'THÔNG BÁO',
  'về việc xử lý tài liệu bị mối mọt',
  '',
  'Kho lưu trữ tỉnh phát hiện nhiều hồ sơ bị mối mọt phá hoại. Các đơn vị cần kiểm tra, khử trùng và sao chụp ngay những tài liệu hư hỏng theo Chỉ thị số 05/CT-TTg.',
].join('\n');

/** A PDF without a text layer: the page images alone, at 300 dpi, as a scanner makes it. */
export async function scannedPdf(...pngs: Buffer[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const png of pngs) {
    const image = await pdf.embedPng(png);
    // 300 dpi: the page is as large as the paper was.
    const page = pdf.addPage([(image.width * 72) / 300, (image.height * 72) / 300]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return pdf.save();
}
