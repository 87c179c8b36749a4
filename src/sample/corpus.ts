/**
 * The words the sample generator builds documents from: issuers, topics and
 * sentences in Vietnamese, English and Hindi, written for this project.
 */
import { DOCUMENT_TYPES, TYPE_TABLE, type DocumentType } from '../schema/types.ts';

export type Language = 'vi' | 'en' | 'hi';

export interface Issuer {
  name: string;
  language: Language;
  /** Document types this issuer produces, with the sign used in numbers. */
  signs: Partial<Record<DocumentType, string>>;
  /** How numbers are written: party style "57-NQ/TW", state style "12/2024/NQ-CP". */
  style: 'party' | 'state' | 'plain';
  city: string;
}

export const ISSUERS: readonly Issuer[] = [
  {
    name: 'Ban Chấp hành Trung ương',
    language: 'vi',
    style: 'party',
    city: 'Hà Nội',
    signs: { resolution: 'NQ/TW', conclusion: 'KL/TW', directive: 'CT/TW', regulation: 'QĐi/TW' },
  },
  {
    name: 'Bộ Chính trị',
    language: 'vi',
    style: 'party',
    city: 'Hà Nội',
    signs: { resolution: 'NQ/TW', conclusion: 'KL/TW', directive: 'CT/TW', regulation: 'QĐi/TW' },
  },
  {
    name: 'Chính phủ',
    language: 'vi',
    style: 'state',
    city: 'Hà Nội',
    signs: { resolution: 'NQ-CP', report: 'BC-CP', plan: 'KH-CP' },
  },
  {
    name: 'Thủ tướng Chính phủ',
    language: 'vi',
    style: 'state',
    city: 'Hà Nội',
    signs: { decision: 'QĐ-TTg', directive: 'CT-TTg', announcement: 'TB-TTg' },
  },
  {
    name: 'Ủy ban nhân dân Thành phố Hà Nội',
    language: 'vi',
    style: 'plain',
    city: 'Hà Nội',
    signs: {
      decision: 'QĐ-UBND',
      plan: 'KH-UBND',
      report: 'BC-UBND',
      announcement: 'TB-UBND',
      letter: 'CV-UBND',
    },
  },
  {
    name: 'Ủy ban nhân dân Tỉnh Thừa Thiên Huế',
    language: 'vi',
    style: 'plain',
    city: 'Huế',
    signs: { decision: 'QĐ-UBND', plan: 'KH-UBND', report: 'BC-UBND', letter: 'CV-UBND' },
  },
  {
    name: 'Bộ Giáo dục và Đào tạo',
    language: 'vi',
    style: 'plain',
    city: 'Hà Nội',
    signs: { guideline: 'HD-BGDĐT', decision: 'QĐ-BGDĐT', letter: 'CV-BGDĐT', report: 'BC-BGDĐT' },
  },
  {
    name: 'Cục Văn thư và Lưu trữ nhà nước',
    language: 'vi',
    style: 'plain',
    city: 'Hà Nội',
    signs: {
      guideline: 'HD-VTLTNN',
      plan: 'KH-VTLTNN',
      report: 'BC-VTLTNN',
      announcement: 'TB-VTLTNN',
    },
  },
  {
    name: 'National Archives Board',
    language: 'en',
    style: 'plain',
    city: 'Hanoi',
    signs: { report: 'BC-NAB', guideline: 'HD-NAB', letter: 'CV-NAB', article: '' },
  },
  {
    name: 'International Cooperation Department',
    language: 'en',
    style: 'plain',
    city: 'Hanoi',
    signs: { letter: 'CV-ICD', report: 'BC-ICD', announcement: 'TB-ICD', declaration: '' },
  },
  {
    name: 'राष्ट्रीय अभिलेखागार परिषद',
    language: 'hi',
    style: 'plain',
    city: 'नई दिल्ली',
    signs: { report: '', declaration: '', article: '', guideline: '' },
  },
];

export interface Topic {
  vi: string;
  en: string;
  hi: string;
  subject: { vi: string; en: string; hi: string };
}

export const TOPICS: readonly Topic[] = [
  {
    vi: 'đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    en: 'breakthroughs in science, technology, innovation and national digital transformation',
    hi: 'विज्ञान, प्रौद्योगिकी और डिजिटल परिवर्तन',
    subject: { vi: 'khoa học công nghệ', en: 'science and technology', hi: 'विज्ञान' },
  },
  {
    vi: 'số hóa tài liệu lưu trữ và xây dựng cơ sở dữ liệu quốc gia',
    en: 'digitising archival records and building a national database',
    hi: 'अभिलेखों का डिजिटलीकरण',
    subject: { vi: 'lưu trữ', en: 'archives', hi: 'अभिलेखागार' },
  },
  {
    vi: 'đẩy mạnh cải cách hành chính và nâng cao chất lượng dịch vụ công',
    en: 'administrative reform and better public services',
    hi: 'प्रशासनिक सुधार और सार्वजनिक सेवाएँ',
    subject: { vi: 'cải cách hành chính', en: 'administrative reform', hi: 'प्रशासन' },
  },
  {
    vi: 'phát triển kinh tế tư nhân trở thành động lực quan trọng của nền kinh tế',
    en: 'developing the private sector as a driving force of the economy',
    hi: 'निजी क्षेत्र का विकास',
    subject: { vi: 'kinh tế', en: 'economy', hi: 'अर्थव्यवस्था' },
  },
  {
    vi: 'bảo vệ môi trường và chủ động ứng phó với biến đổi khí hậu',
    en: 'environmental protection and adapting to climate change',
    hi: 'पर्यावरण संरक्षण और जलवायु परिवर्तन',
    subject: { vi: 'môi trường', en: 'environment', hi: 'पर्यावरण' },
  },
  {
    vi: 'đổi mới căn bản, toàn diện giáo dục và đào tạo',
    en: 'comprehensive reform of education and training',
    hi: 'शिक्षा और प्रशिक्षण में सुधार',
    subject: { vi: 'giáo dục', en: 'education', hi: 'शिक्षा' },
  },
  {
    vi: 'tăng cường công tác phòng, chống tham nhũng, lãng phí',
    en: 'stepping up the fight against corruption and waste',
    hi: 'भ्रष्टाचार और अपव्यय की रोकथाम',
    subject: { vi: 'phòng chống tham nhũng', en: 'anti-corruption', hi: 'भ्रष्टाचार निवारण' },
  },
  {
    vi: 'xây dựng nông thôn mới gắn với phát triển nông nghiệp bền vững',
    en: 'new rural development and sustainable agriculture',
    hi: 'ग्रामीण विकास और सतत कृषि',
    subject: { vi: 'nông nghiệp', en: 'agriculture', hi: 'कृषि' },
  },
  {
    vi: 'hội nhập quốc tế sâu rộng trong tình hình mới',
    en: 'deeper international integration in the new situation',
    hi: 'अंतरराष्ट्रीय सहयोग',
    subject: { vi: 'đối ngoại', en: 'foreign affairs', hi: 'विदेश संबंध' },
  },
  {
    vi: 'bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân',
    en: 'protecting, caring for and improving public health',
    hi: 'जन स्वास्थ्य की देखभाल',
    subject: { vi: 'y tế', en: 'health', hi: 'स्वास्थ्य' },
  },
  {
    vi: 'xây dựng và phát triển văn hóa, con người Việt Nam',
    en: 'building and developing culture and people',
    hi: 'संस्कृति का संरक्षण और विकास',
    subject: { vi: 'văn hóa', en: 'culture', hi: 'संस्कृति' },
  },
  {
    vi: 'tiếp tục đổi mới, hoàn thiện thể chế quản lý và sử dụng đất đai',
    en: 'reforming the management and use of land',
    hi: 'भूमि प्रबंधन में सुधार',
    subject: { vi: 'đất đai', en: 'land', hi: 'भूमि' },
  },
];

// Hindi names of the kinds, for sample documents in Hindi; the others come from schema/types.ts.
const HINDI: Record<DocumentType, string> = {
  resolution: 'संकल्प',
  decision: 'निर्णय',
  directive: 'निर्देश',
  conclusion: 'निष्कर्ष',
  regulation: 'विनियम',
  guideline: 'दिशानिर्देश',
  plan: 'योजना',
  report: 'रिपोर्ट',
  announcement: 'सूचना',
  letter: 'पत्र',
  article: 'लेख',
  declaration: 'घोषणा',
  image: 'चित्र',
  other: 'दस्तावेज़',
};

/** Kinds of document as they head a Vietnamese text, and as words in a sentence. */
export const TYPE_WORDS = Object.fromEntries(
  DOCUMENT_TYPES.map((type) => {
    // A document of no named kind heads its text as "VĂN BẢN" (a document), not "Khác" (other).
    const { vi, en } = type === 'other' ? { vi: 'Văn bản', en: 'Document' } : TYPE_TABLE[type];
    return [type, { caps: vi.toLocaleUpperCase('vi'), word: vi, en, hi: HINDI[type] }];
  }),
) as Record<DocumentType, { caps: string; word: string; en: string; hi: string }>;

/** Sentences with slots: {topic}, {years}, {target}, {percent}, {agency}. */
export const SENTENCES: Record<Language, readonly string[]> = {
  vi: [
    'Sau {years} năm triển khai, công tác {topic} đã đạt được nhiều kết quả quan trọng, góp phần nâng cao hiệu lực, hiệu quả quản lý nhà nước.',
    'Tuy nhiên, việc thực hiện còn một số hạn chế: nguồn lực đầu tư chưa tương xứng, sự phối hợp giữa các cơ quan chưa chặt chẽ, cơ sở dữ liệu còn phân tán.',
    'Mục tiêu đến năm {target}: hoàn thành cơ bản các nhiệm vụ về {topic}; {percent}% hồ sơ được số hóa và khai thác trên môi trường mạng.',
    'Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội có trách nhiệm quán triệt, tổ chức thực hiện nghiêm túc văn bản này.',
    'Giao {agency} chủ trì, phối hợp với các bộ, ngành liên quan xây dựng kế hoạch cụ thể, định kỳ hằng năm báo cáo kết quả thực hiện.',
    'Kinh phí thực hiện được bố trí từ ngân sách nhà nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.',
    'Tăng cường kiểm tra, giám sát, kịp thời phát hiện và xử lý nghiêm các vi phạm; biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc.',
    'Đẩy mạnh tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên và nhân dân về vai trò của {topic} trong giai đoạn mới.',
    'Hoàn thiện thể chế, chính sách; rà soát, sửa đổi các quy định không còn phù hợp, tạo hành lang pháp lý thuận lợi cho việc triển khai.',
    'Ứng dụng công nghệ thông tin, trí tuệ nhân tạo và dữ liệu lớn trong quản lý, khai thác và chia sẻ thông tin giữa các cơ quan nhà nước.',
    'Bảo đảm an toàn, an ninh thông tin; tài liệu có giá trị được bảo quản lâu dài theo quy định của pháp luật về lưu trữ.',
    'Phát huy vai trò nêu gương của người đứng đầu; gắn trách nhiệm cá nhân với kết quả thực hiện nhiệm vụ được giao.',
    'Huy động sự tham gia của doanh nghiệp, các nhà khoa học và cộng đồng; mở rộng hợp tác quốc tế, tiếp thu kinh nghiệm của các nước.',
    'Đào tạo, bồi dưỡng đội ngũ cán bộ có đủ phẩm chất, năng lực, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.',
  ],
  en: [
    'Over the past {years} years, work on {topic} has delivered important results and strengthened the effectiveness of public administration.',
    'Shortcomings remain: investment has not matched the need, coordination between agencies is loose, and records are scattered across separate databases.',
    'By {target}, the main tasks on {topic} should be complete, with {percent}% of files digitised and available online.',
    'The {agency} shall lead the work, coordinate with the ministries concerned, draw up a detailed plan and report on progress every year.',
    'Funding comes from the state budget under the current division of responsibilities and from other lawful sources.',
    'Inspection and supervision will be stepped up so that violations are found early and dealt with firmly, and outstanding work is recognised.',
    'Awareness campaigns will explain to officials and citizens why {topic} matters in the years ahead.',
    'Rules that no longer fit will be reviewed and amended, giving a clear legal framework for implementation.',
    'Information technology, artificial intelligence and large data sets will be used to manage, search and share records between agencies.',
    'Records of lasting value will be preserved for the long term, and their integrity checked at regular intervals.',
    'Staff will be trained so that every office has people with the skills the work requires.',
    'Partners abroad will be invited to share their experience, and joint projects will be opened where they serve both sides.',
  ],
  hi: [
    'पिछले {years} वर्षों में {topic} के क्षेत्र में महत्वपूर्ण प्रगति हुई है और प्रशासन की दक्षता बढ़ी है।',
    'फिर भी कुछ कमियाँ बनी हुई हैं: निवेश आवश्यकता से कम है और विभागों के बीच समन्वय कमजोर है।',
    'वर्ष {target} तक {topic} से जुड़े मुख्य कार्य पूरे किए जाएँगे और {percent} प्रतिशत फ़ाइलें ऑनलाइन उपलब्ध होंगी।',
    'सभी विभागों को निर्देश दिया जाता है कि वे इस योजना को समयबद्ध तरीके से लागू करें।',
    'अभिलेखों को सुरक्षित रखना और नागरिकों के लिए सुलभ बनाना हमारा साझा दायित्व है।',
    'इस कार्य के लिए आवश्यक धनराशि वार्षिक बजट से उपलब्ध कराई जाएगी।',
    'प्रत्येक तिमाही में प्रगति की समीक्षा की जाएगी और उसकी रिपोर्ट परिषद को प्रस्तुत की जाएगी।',
    'डिजिटल प्रौद्योगिकी के उपयोग से सरकारी सेवाओं की गुणवत्ता में सुधार होगा।',
    'प्रशिक्षण कार्यक्रमों के माध्यम से कर्मचारियों की क्षमता बढ़ाई जाएगी।',
    'स्थायी महत्व के दस्तावेज़ों को लंबे समय तक संरक्षित किया जाएगा।',
  ],
};

export const AGENCIES: Record<Language, readonly string[]> = {
  vi: [
    'Bộ Nội vụ',
    'Bộ Khoa học và Công nghệ',
    'Văn phòng Chính phủ',
    'Bộ Tài chính',
    'Bộ Thông tin và Truyền thông',
  ],
  en: [
    'Ministry of Home Affairs',
    'Ministry of Science and Technology',
    'Government Office',
    'Ministry of Finance',
  ],
  hi: ['गृह मंत्रालय', 'संस्कृति मंत्रालय'],
};

/** Section headings of Vietnamese legal texts, in order. */
export const VI_SECTIONS = [
  'I. Tình hình và nguyên nhân',
  'II. Quan điểm chỉ đạo và mục tiêu',
  'III. Nhiệm vụ và giải pháp chủ yếu',
  'IV. Tổ chức thực hiện',
];
export const EN_SECTIONS = ['Background', 'Objectives', 'Measures', 'Implementation'];
export const HI_SECTIONS = ['पृष्ठभूमि', 'उद्देश्य', 'उपाय', 'कार्यान्वयन'];
