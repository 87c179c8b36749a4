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
