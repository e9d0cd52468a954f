// Reference tables for the generator: the 34 provinces of the post-2025 tree (R-ORG-01,
// R-SCALE-03), the pre-2025 provinces whose codes start citizen IDs, Vietnamese name
// frequencies, ethnic groups and religions. Weights are rough shares, not official statistics.

export type Region = 'northern_mountain' | 'red_river' | 'north_central' | 'central_coast' | 'highlands' | 'southeast' | 'mekong';

export interface ProvinceInfo {
  /** Short name as it follows "tỉnh"/"thành phố". */
  name: string;
  /** Appended to the province org's name only (the demo's "(Dữ liệu mẫu)"). */
  label?: string;
  city: boolean;
  /** Commune-level units after 01/07/2025 (xã + phường + đặc khu); they add up to 3,321. */
  communes: number;
  /** Share of phường among them. */
  wardShare: number;
  /** Relative members per commune (1 = national average). */
  density: number;
  region: Region;
  /** Pre-2025 provinces merged into this one: [citizen-ID province code, name]. */
  oldProvinces: readonly (readonly [string, string])[];
  /** Minority ethnic groups' shares among members (the rest is 'kinh'). */
  ethnic: readonly (readonly [string, number])[];
  /** Religious members' shares (the rest is 'none'). */
  religion: readonly (readonly [string, number])[];
  specialZones: readonly string[];
}

const BUD = ['buddhism', 0.025] as const;
const CAT = ['catholicism', 0.01] as const;

export const PROVINCES: readonly ProvinceInfo[] = [
  { name: 'Hà Nội', city: true, communes: 126, wardShare: 0.4, density: 2.3, region: 'red_river', oldProvinces: [['001', 'Hà Nội']], ethnic: [['muong', 0.008], ['tay', 0.004], ['dao', 0.002]], religion: [BUD, CAT], specialZones: [] },
  { name: 'Huế', city: true, communes: 40, wardShare: 0.52, density: 1.1, region: 'central_coast', oldProvinces: [['046', 'Thừa Thiên Huế']], ethnic: [['ta_oi', 0.015], ['co_tu', 0.008], ['bru_van_kieu', 0.004]], religion: [['buddhism', 0.04], CAT], specialZones: [] },
  { name: 'Lai Châu', city: false, communes: 38, wardShare: 0.05, density: 0.6, region: 'northern_mountain', oldProvinces: [['012', 'Lai Châu']], ethnic: [['thai', 0.3], ['hmong', 0.18], ['dao', 0.08], ['giay', 0.04], ['ha_nhi', 0.03]], religion: [['protestantism', 0.01]], specialZones: [] },
  { name: 'Điện Biên', city: false, communes: 45, wardShare: 0.07, density: 0.65, region: 'northern_mountain', oldProvinces: [['011', 'Điện Biên']], ethnic: [['thai', 0.36], ['hmong', 0.22], ['kho_mu', 0.03], ['dao', 0.02]], religion: [['protestantism', 0.012]], specialZones: [] },
  { name: 'Sơn La', city: false, communes: 75, wardShare: 0.1, density: 0.8, region: 'northern_mountain', oldProvinces: [['014', 'Sơn La']], ethnic: [['thai', 0.48], ['muong', 0.07], ['hmong', 0.1], ['dao', 0.02], ['kho_mu', 0.01]], religion: [['protestantism', 0.008]], specialZones: [] },
  { name: 'Lạng Sơn', city: false, communes: 65, wardShare: 0.06, density: 0.9, region: 'northern_mountain', oldProvinces: [['020', 'Lạng Sơn']], ethnic: [['nung', 0.4], ['tay', 0.34], ['dao', 0.03], ['san_chay', 0.01]], religion: [BUD], specialZones: [] },
  { name: 'Quảng Ninh', city: false, communes: 54, wardShare: 0.55, density: 1.5, region: 'red_river', oldProvinces: [['022', 'Quảng Ninh']], ethnic: [['dao', 0.03], ['tay', 0.02], ['san_diu', 0.01], ['san_chay', 0.01]], religion: [BUD, CAT], specialZones: ['Vân Đồn', 'Cô Tô'] },
  { name: 'Thanh Hóa', city: false, communes: 166, wardShare: 0.12, density: 1.05, region: 'north_central', oldProvinces: [['038', 'Thanh Hóa']], ethnic: [['muong', 0.08], ['thai', 0.06], ['tho', 0.002]], religion: [BUD, ['catholicism', 0.012]], specialZones: [] },
  { name: 'Nghệ An', city: false, communes: 130, wardShare: 0.1, density: 1.15, region: 'north_central', oldProvinces: [['040', 'Nghệ An']], ethnic: [['thai', 0.09], ['kho_mu', 0.01], ['hmong', 0.01], ['tho', 0.01]], religion: [BUD, ['catholicism', 0.015]], specialZones: [] },
  { name: 'Hà Tĩnh', city: false, communes: 69, wardShare: 0.12, density: 1.0, region: 'north_central', oldProvinces: [['042', 'Hà Tĩnh']], ethnic: [], religion: [BUD, ['catholicism', 0.015]], specialZones: [] },
  { name: 'Cao Bằng', city: false, communes: 56, wardShare: 0.05, density: 0.75, region: 'northern_mountain', oldProvinces: [['004', 'Cao Bằng']], ethnic: [['tay', 0.4], ['nung', 0.3], ['hmong', 0.07], ['dao', 0.07], ['san_chay', 0.01]], religion: [['buddhism', 0.005]], specialZones: [] },
  { name: 'Tuyên Quang', city: false, communes: 124, wardShare: 0.06, density: 0.75, region: 'northern_mountain', oldProvinces: [['008', 'Tuyên Quang'], ['002', 'Hà Giang']], ethnic: [['tay', 0.3], ['hmong', 0.14], ['dao', 0.1], ['nung', 0.04], ['san_chay', 0.03], ['giay', 0.01]], religion: [['protestantism', 0.006]], specialZones: [] },
  { name: 'Lào Cai', city: false, communes: 99, wardShare: 0.1, density: 0.85, region: 'northern_mountain', oldProvinces: [['010', 'Lào Cai'], ['015', 'Yên Bái']], ethnic: [['tay', 0.14], ['hmong', 0.13], ['dao', 0.11], ['thai', 0.05], ['giay', 0.02], ['nung', 0.02]], religion: [['protestantism', 0.005], ['buddhism', 0.005]], specialZones: [] },
  { name: 'Thái Nguyên', city: false, communes: 92, wardShare: 0.2, density: 1.0, region: 'northern_mountain', oldProvinces: [['019', 'Thái Nguyên'], ['006', 'Bắc Kạn']], ethnic: [['tay', 0.2], ['nung', 0.06], ['dao', 0.04], ['san_chay', 0.03], ['san_diu', 0.02]], religion: [BUD], specialZones: [] },
  { name: 'Phú Thọ', city: false, communes: 148, wardShare: 0.13, density: 0.95, region: 'red_river', oldProvinces: [['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['017', 'Hòa Bình']], ethnic: [['muong', 0.2], ['dao', 0.02], ['tay', 0.02], ['thai', 0.01], ['san_diu', 0.01]], religion: [BUD, CAT], specialZones: [] },
  { name: 'Bắc Ninh', city: false, communes: 99, wardShare: 0.33, density: 1.05, region: 'red_river', oldProvinces: [['027', 'Bắc Ninh'], ['024', 'Bắc Giang']], ethnic: [['nung', 0.02], ['tay', 0.015], ['san_diu', 0.01], ['hoa', 0.003]], religion: [BUD, CAT], specialZones: [] },
  { name: 'Hưng Yên', city: false, communes: 104, wardShare: 0.11, density: 1.05, region: 'red_river', oldProvinces: [['033', 'Hưng Yên'], ['034', 'Thái Bình']], ethnic: [], religion: [BUD, ['catholicism', 0.02]], specialZones: [] },
  { name: 'Hải Phòng', city: true, communes: 114, wardShare: 0.4, density: 1.3, region: 'red_river', oldProvinces: [['031', 'Hải Phòng'], ['030', 'Hải Dương']], ethnic: [['hoa', 0.002]], religion: [BUD, CAT], specialZones: ['Cát Hải', 'Bạch Long Vĩ'] },
  { name: 'Ninh Bình', city: false, communes: 129, wardShare: 0.2, density: 1.0, region: 'red_river', oldProvinces: [['037', 'Ninh Bình'], ['035', 'Hà Nam'], ['036', 'Nam Định']], ethnic: [['muong', 0.01]], religion: [BUD, ['catholicism', 0.04]], specialZones: [] },
  { name: 'Quảng Trị', city: false, communes: 78, wardShare: 0.1, density: 0.9, region: 'north_central', oldProvinces: [['045', 'Quảng Trị'], ['044', 'Quảng Bình']], ethnic: [['bru_van_kieu', 0.04], ['ta_oi', 0.01], ['chut', 0.002]], religion: [BUD, ['catholicism', 0.02]], specialZones: ['Cồn Cỏ'] },
  { name: 'Đà Nẵng', city: true, communes: 94, wardShare: 0.25, density: 1.2, region: 'central_coast', oldProvinces: [['048', 'Đà Nẵng'], ['049', 'Quảng Nam']], ethnic: [['co_tu', 0.02], ['xo_dang', 0.01], ['gie_trieng', 0.005]], religion: [['buddhism', 0.03], CAT], specialZones: [] },
  { name: 'Quảng Ngãi', city: false, communes: 96, wardShare: 0.1, density: 0.85, region: 'central_coast', oldProvinces: [['051', 'Quảng Ngãi'], ['062', 'Kon Tum']], ethnic: [['hre', 0.07], ['xo_dang', 0.08], ['bahnar', 0.03], ['gie_trieng', 0.01], ['co', 0.01]], religion: [BUD, CAT, ['protestantism', 0.005]], specialZones: ['Lý Sơn'] },
  { name: 'Gia Lai', city: false, communes: 135, wardShare: 0.19, density: 0.85, region: 'highlands', oldProvinces: [['064', 'Gia Lai'], ['052', 'Bình Định']], ethnic: [['jrai', 0.16], ['bahnar', 0.08]], religion: [BUD, CAT, ['protestantism', 0.01]], specialZones: [] },
  { name: 'Khánh Hòa', city: false, communes: 65, wardShare: 0.25, density: 1.0, region: 'central_coast', oldProvinces: [['056', 'Khánh Hòa'], ['058', 'Ninh Thuận']], ethnic: [['raglai', 0.05], ['cham', 0.04], ['ede', 0.003]], religion: [['buddhism', 0.03], CAT], specialZones: ['Trường Sa'] },
  { name: 'Lâm Đồng', city: false, communes: 124, wardShare: 0.17, density: 0.85, region: 'highlands', oldProvinces: [['068', 'Lâm Đồng'], ['067', 'Đắk Nông'], ['060', 'Bình Thuận']], ethnic: [['koho', 0.06], ['mnong', 0.03], ['cham', 0.01], ['tay', 0.01], ['nung', 0.01]], religion: [BUD, ['catholicism', 0.03], ['protestantism', 0.01]], specialZones: ['Phú Quý'] },
  { name: 'Đắk Lắk', city: false, communes: 102, wardShare: 0.17, density: 0.9, region: 'highlands', oldProvinces: [['066', 'Đắk Lắk'], ['054', 'Phú Yên']], ethnic: [['ede', 0.12], ['jrai', 0.02], ['mnong', 0.02], ['tay', 0.02], ['nung', 0.02]], religion: [BUD, CAT, ['protestantism', 0.015]], specialZones: [] },
  { name: 'Hồ Chí Minh', city: true, communes: 168, wardShare: 0.67, density: 1.5, region: 'southeast', oldProvinces: [['079', 'Thành phố Hồ Chí Minh'], ['074', 'Bình Dương'], ['077', 'Bà Rịa - Vũng Tàu']], ethnic: [['hoa', 0.035], ['khmer', 0.004], ['cham', 0.001]], religion: [['buddhism', 0.03], ['catholicism', 0.02], ['caodaism', 0.002]], specialZones: ['Côn Đảo'] },
  { name: 'Đồng Nai', city: false, communes: 95, wardShare: 0.25, density: 1.1, region: 'southeast', oldProvinces: [['075', 'Đồng Nai'], ['070', 'Bình Phước']], ethnic: [['hoa', 0.02], ['stieng', 0.01], ['tay', 0.008], ['nung', 0.008], ['khmer', 0.004]], religion: [BUD, ['catholicism', 0.04], ['caodaism', 0.002]], specialZones: [] },
  { name: 'Tây Ninh', city: false, communes: 96, wardShare: 0.15, density: 0.9, region: 'southeast', oldProvinces: [['072', 'Tây Ninh'], ['080', 'Long An']], ethnic: [['khmer', 0.005], ['hoa', 0.003]], religion: [BUD, ['caodaism', 0.03], ['catholicism', 0.005]], specialZones: [] },
  { name: 'Cần Thơ', city: true, communes: 103, wardShare: 0.3, density: 0.95, region: 'mekong', oldProvinces: [['092', 'Cần Thơ'], ['094', 'Sóc Trăng'], ['093', 'Hậu Giang']], ethnic: [['khmer', 0.1], ['hoa', 0.02]], religion: [['buddhism', 0.03], ['hoahao', 0.01], ['caodaism', 0.003]], specialZones: [] },
  { name: 'Vĩnh Long', city: false, communes: 124, wardShare: 0.15, density: 0.85, region: 'mekong', oldProvinces: [['086', 'Vĩnh Long'], ['083', 'Bến Tre'], ['084', 'Trà Vinh']], ethnic: [['khmer', 0.08], ['hoa', 0.003]], religion: [['buddhism', 0.03], ['caodaism', 0.006], ['catholicism', 0.005]], specialZones: [] },
  { name: 'Đồng Tháp', city: false, communes: 102, wardShare: 0.18, density: 0.85, region: 'mekong', oldProvinces: [['087', 'Đồng Tháp'], ['082', 'Tiền Giang']], ethnic: [['hoa', 0.002]], religion: [BUD, ['hoahao', 0.02], ['caodaism', 0.004]], specialZones: [] },
  { name: 'Cà Mau', city: false, communes: 64, wardShare: 0.15, density: 0.95, region: 'mekong', oldProvinces: [['096', 'Cà Mau'], ['095', 'Bạc Liêu']], ethnic: [['khmer', 0.04], ['hoa', 0.015]], religion: [BUD, CAT, ['caodaism', 0.003]], specialZones: [] },
  { name: 'An Giang', city: false, communes: 102, wardShare: 0.14, density: 0.9, region: 'mekong', oldProvinces: [['089', 'An Giang'], ['091', 'Kiên Giang']], ethnic: [['khmer', 0.07], ['hoa', 0.01], ['cham', 0.004]], religion: [['buddhism', 0.03], ['hoahao', 0.05], CAT], specialZones: ['Phú Quốc', 'Kiên Hải', 'Thổ Châu'] },
];

export const NATIONAL_MEMBERS = 5_600_000; // R-SCALE-01
export const PROVINCE_SCALE_INDEX = PROVINCES.findIndex((p) => p.name === 'Ninh Bình');

/** Every ethnic group code the generator writes (the Kinh majority first). */
export const ETHNICITIES = [
  'kinh', 'tay', 'thai', 'muong', 'khmer', 'hoa', 'nung', 'hmong', 'dao', 'jrai', 'ede', 'bahnar', 'san_chay',
  'cham', 'koho', 'xo_dang', 'san_diu', 'hre', 'mnong', 'raglai', 'stieng', 'bru_van_kieu', 'tho', 'giay',
  'co_tu', 'gie_trieng', 'ta_oi', 'kho_mu', 'co', 'chut', 'ha_nhi',
] as const;

export const RELIGIONS = ['none', 'buddhism', 'catholicism', 'protestantism', 'caodaism', 'hoahao'] as const;

// ---- Names -------------------------------------------------------------------------------

type W = readonly (readonly [string, number])[];

// Kinh surnames; Hoàng/Huỳnh and Vũ/Võ are the same names spelled the northern / southern way.
export const SURNAMES_NORTH: W = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5], ['Vũ', 4], ['Đặng', 2.1],
  ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đào', 0.5], ['Đoàn', 0.5],
  ['Trương', 0.4], ['Đinh', 0.5], ['Trịnh', 0.5], ['Mai', 0.4], ['Lương', 0.3], ['Cao', 0.3], ['Hà', 0.4],
  ['Tạ', 0.2], ['Lưu', 0.2], ['Phùng', 0.2], ['Tô', 0.2], ['Kiều', 0.15], ['Lại', 0.15], ['Khúc', 0.05],
  ['Triệu', 0.1], ['Vương', 0.1], ['Quách', 0.1], ['Chu', 0.15], ['Nghiêm', 0.1], ['Lâm', 0.15], ['Văn', 0.1],
  ['Thái', 0.1], ['Tăng', 0.05], ['Hứa', 0.05], ['Âu', 0.05], ['Đàm', 0.1], ['Mạc', 0.05], ['Tống', 0.1],
];
export const SURNAMES_SOUTH: W = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 4.5], ['Phan', 4.5], ['Võ', 4], ['Đặng', 2],
  ['Bùi', 1.6], ['Đỗ', 1.2], ['Hồ', 1.6], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.6], ['Trương', 0.8], ['Lâm', 0.6],
  ['Đào', 0.3], ['Đoàn', 0.5], ['Mai', 0.4], ['Châu', 0.4], ['Lương', 0.3], ['Cao', 0.3], ['Hà', 0.2],
  ['Tạ', 0.15], ['Lưu', 0.2], ['Tô', 0.2], ['Thái', 0.2], ['Quách', 0.1], ['Đinh', 0.3], ['Trịnh', 0.2],
  ['La', 0.1], ['Từ', 0.1], ['Kiều', 0.05], ['Diệp', 0.05], ['Văn', 0.1], ['Tăng', 0.1], ['Hứa', 0.1],
];

export const MIDDLE_MALE: W = [
  ['Văn', 36], ['Đức', 8], ['Minh', 8], ['Hữu', 7], ['Quang', 6], ['Đình', 5], ['Thanh', 5], ['Công', 4],
  ['Quốc', 4], ['Ngọc', 3], ['Xuân', 3], ['Trọng', 3], ['Tiến', 2], ['Mạnh', 2], ['Hoàng', 2], ['Anh', 2],
  ['Duy', 2], ['Thế', 2], ['Tấn', 2], ['Bá', 1], ['Viết', 1], ['Trung', 1], ['Khắc', 1], ['Tuấn', 1],
  ['Hồng', 1], ['Phú', 1], ['Thành', 1], ['Nhật', 1], ['Gia', 1], ['Hải', 1], ['Kim', 0.5], ['Chí', 1],
];
export const MIDDLE_FEMALE: W = [
  ['Thị', 55], ['Ngọc', 6], ['Thanh', 5], ['Thu', 5], ['Minh', 3], ['Hồng', 3], ['Kim', 3], ['Phương', 3],
  ['Thúy', 2], ['Bích', 2], ['Mỹ', 2], ['Thùy', 2], ['Khánh', 2], ['Hoài', 1], ['Bảo', 1], ['Diệu', 1],
  ['Hải', 1], ['Lan', 1], ['Quỳnh', 1], ['Tuyết', 1], ['Xuân', 1], ['Mai', 1], ['Cẩm', 1], ['Hoàng', 1], ['Anh', 1],
];
/** A second middle name after Thị ("Nguyễn Thị Thu Hà"). */
export const SECOND_MIDDLE_FEMALE: W = [
  ['Thu', 5], ['Thanh', 5], ['Ngọc', 4], ['Kim', 3], ['Minh', 3], ['Hồng', 3], ['Thúy', 2], ['Bích', 2], ['Mai', 1], ['Phương', 2],
];

export const GIVEN_MALE: W = [
  ['Hùng', 30], ['Dũng', 28], ['Tuấn', 28], ['Hải', 24], ['Hưng', 22], ['Minh', 22], ['Nam', 20], ['Thắng', 18],
  ['Sơn', 18], ['Long', 18], ['Cường', 18], ['Quang', 16], ['Trung', 16], ['Thành', 16], ['Hiếu', 14], ['Hoàng', 14],
  ['Phong', 12], ['Tùng', 12], ['Đức', 12], ['Huy', 12], ['Khánh', 10], ['Việt', 10], ['Anh', 12], ['Bình', 12],
  ['Chiến', 8], ['Công', 8], ['Đạt', 10], ['Định', 6], ['Giang', 6], ['Hà', 5], ['Hào', 5], ['Hậu', 6],
  ['Hiển', 5], ['Hiệp', 7], ['Hòa', 8], ['Học', 4], ['Khải', 4], ['Khoa', 6], ['Kiên', 7], ['Lâm', 6],
  ['Lực', 5], ['Mạnh', 8], ['Nghĩa', 8], ['Ngọc', 4], ['Nhân', 6], ['Phúc', 7], ['Phương', 5], ['Quân', 8],
  ['Quý', 6], ['Tài', 7], ['Tâm', 7], ['Tân', 7], ['Thái', 6], ['Thanh', 8], ['Thiện', 5], ['Thịnh', 6],
  ['Toàn', 7], ['Trọng', 5], ['Trường', 7], ['Tú', 6], ['Tuân', 4], ['Vinh', 9], ['Vũ', 6], ['Bảo', 5],
  ['Duy', 6], ['Đông', 5], ['Lợi', 5], ['Lộc', 6], ['Luân', 3], ['Ninh', 4], ['Tiến', 8], ['Tĩnh', 3],
  ['Xuân', 4], ['Sang', 5], ['Tín', 4], ['Thuận', 6], ['Nhật', 4], ['Khang', 4], ['Phát', 5], ['Tường', 4],
  ['Thọ', 4], ['Chung', 4], ['Dương', 4], ['Hạnh', 2], ['Huân', 3], ['Kỳ', 3], ['Lịch', 2], ['Quyết', 4],
  ['Sáng', 3], ['Thông', 4], ['Thủy', 3], ['Trí', 5], ['Tuyến', 3], ['Vĩnh', 2], ['Bắc', 3], ['Cảnh', 3],
];
export const GIVEN_FEMALE: W = [
  ['Lan', 24], ['Hương', 26], ['Hoa', 20], ['Hà', 22], ['Hằng', 22], ['Hạnh', 18], ['Huyền', 18], ['Linh', 22],
  ['Loan', 12], ['Mai', 18], ['Nga', 16], ['Ngọc', 14], ['Nhung', 14], ['Oanh', 10], ['Phương', 16], ['Thảo', 18],
  ['Thanh', 12], ['Thu', 12], ['Thủy', 18], ['Trang', 20], ['Tuyết', 8], ['Vân', 12], ['Yến', 12], ['Anh', 12],
  ['Chi', 8], ['Diệp', 4], ['Dung', 12], ['Giang', 10], ['Hiền', 12], ['Hồng', 12], ['Huệ', 8], ['Lệ', 6],
  ['Liên', 8], ['Liễu', 4], ['Ly', 6], ['Mơ', 3], ['My', 6], ['Nhàn', 6], ['Nhi', 6], ['Quyên', 6],
  ['Quỳnh', 8], ['Sen', 4], ['Tâm', 8], ['Thắm', 6], ['Thơ', 4], ['Thoa', 6], ['Thúy', 10], ['Tình', 4],
  ['Trinh', 6], ['Tú', 4], ['Uyên', 5], ['Vy', 5], ['Xuân', 6], ['Hậu', 5], ['Duyên', 8], ['Hòa', 6],
  ['Hợp', 3], ['Lụa', 3], ['Mến', 3], ['Nguyệt', 6], ['Phượng', 6], ['Sương', 4], ['Thêu', 2], ['Thương', 6],
  ['Minh', 4], ['Bích', 4], ['Cúc', 4], ['Đào', 4], ['Điệp', 3], ['Gấm', 2], ['Hải', 3], ['Khuyên', 3],
  ['Lài', 2], ['Lý', 3], ['Ánh', 6], ['Kiều', 4], ['Ngân', 8], ['Như', 4], ['Tươi', 3], ['Vui', 2],
];

/** Surname tables of some minority groups; their middle and given names follow the Kinh tables. */
export const MINORITY_SURNAMES: Record<string, W> = {
  tay: [['Hoàng', 25], ['Nông', 20], ['Lương', 8], ['Triệu', 8], ['Vi', 8], ['Lục', 5], ['Lăng', 5], ['Đàm', 5], ['Hà', 5], ['Ma', 5], ['Chu', 3], ['Nguyễn', 8]],
  nung: [['Hoàng', 20], ['Nông', 15], ['Lương', 10], ['Lăng', 8], ['Chu', 6], ['Vi', 6], ['Lục', 6], ['Mã', 4], ['Nguyễn', 6], ['Hà', 4]],
  thai: [['Lò', 20], ['Lường', 15], ['Quàng', 10], ['Cầm', 10], ['Tòng', 8], ['Vì', 8], ['Hà', 10], ['Điêu', 5], ['Lê', 5], ['Mè', 3], ['Vi', 4]],
  muong: [['Bùi', 40], ['Đinh', 20], ['Quách', 10], ['Hà', 10], ['Xa', 5], ['Cao', 5], ['Hoàng', 5]],
  hmong: [['Giàng', 20], ['Vàng', 15], ['Sùng', 15], ['Thào', 15], ['Lý', 10], ['Mùa', 8], ['Hầu', 8], ['Lầu', 5], ['Hạng', 4]],
  dao: [['Triệu', 35], ['Bàn', 25], ['Đặng', 20], ['Lý', 10], ['Phùng', 5], ['Chảo', 5]],
  khmer: [['Thạch', 30], ['Sơn', 20], ['Kim', 15], ['Danh', 15], ['Lâm', 5], ['Trà', 5], ['Châu', 5], ['Lý', 5]],
  hoa: [['Lâm', 15], ['Trương', 12], ['Quách', 8], ['Lý', 10], ['Mã', 6], ['Diệp', 6], ['Lưu', 8], ['Hứa', 6], ['Tăng', 6], ['La', 5], ['Vương', 6], ['Trần', 8]],
  cham: [['Đàng', 20], ['Thành', 15], ['Châu', 12], ['Lộ', 8], ['Quảng', 10], ['Thuận', 8], ['Phú', 6], ['Bá', 6], ['Hán', 5], ['Trượng', 5]],
  jrai: [['Ksor', 25], ['Rơ Mah', 20], ['Siu', 15], ['Nay', 12], ['Kpă', 10], ['Rah Lan', 8], ['Puih', 6], ['Rơ Châm', 4]],
  ede: [['Niê', 25], ['Mlô', 15], ['Êban', 12], ['Ayŭn', 10], ['Hđơk', 10], ['Byă', 8], ['Kbuôr', 8], ['Buôn Yă', 6]],
  bahnar: [['Đinh', 60], ['A', 20], ['Y', 10], ['Hồ', 10]],
  xo_dang: [['A', 40], ['Y', 30], ['Đinh', 20], ['Hồ', 10]],
  hre: [['Đinh', 60], ['Phạm', 25], ['Đinh Thị', 15]],
  koho: [['K\'', 50], ['Liêng', 20], ['Kră Jăn', 15], ['Cil', 15]],
  mnong: [['Điểu', 40], ['Y', 30], ['Thị', 10], ['H\'', 20]],
  stieng: [['Điểu', 60], ['Thị', 40]],
  raglai: [['Chamaléa', 40], ['Katơr', 30], ['Pinăng', 30]],
  co_tu: [['Alăng', 25], ['Bhling', 20], ['Zơrâm', 15], ['Arất', 15], ['Clâu', 15], ['Bríu', 10]],
  bru_van_kieu: [['Hồ', 60], ['Lê', 20], ['Nguyễn', 20]],
  ta_oi: [['Hồ', 40], ['Kăn', 20], ['Quỳnh', 20], ['Lê', 20]],
};

// ---- Places and units ------------------------------------------------------------------------

/** Syllables that make up commune and village names ("Tân Lập", "Phú Hòa", "An Thịnh"). */
export const PLACE_FIRST = [
  'An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Thạnh', 'Long', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng', 'Xuân', 'Quang',
  'Minh', 'Thành', 'Phúc', 'Yên', 'Kim', 'Ngọc', 'Thanh', 'Trung', 'Vĩnh', 'Đại', 'Đức', 'Hồng', 'Hải', 'Gia',
  'Thuận', 'Mỹ', 'Lạc', 'Cẩm', 'Hoàng', 'Thái', 'Lương', 'Tiên', 'Hiệp', 'Quảng', 'Định', 'Hương', 'Châu', 'Sơn',
  'Tam', 'Vạn', 'Trường', 'Nghĩa', 'Tường', 'Hà', 'Liên', 'Cao', 'Lộc', 'Tứ', 'Song', 'Khánh', 'Vân', 'Phong',
] as const;
export const PLACE_SECOND = [
  'An', 'Bình', 'Hòa', 'Phú', 'Lập', 'Lợi', 'Long', 'Thịnh', 'Hưng', 'Thành', 'Phước', 'Lộc', 'Sơn', 'Hải',
  'Tiến', 'Trung', 'Thuận', 'Đông', 'Tây', 'Nam', 'Bắc', 'Xuân', 'Minh', 'Quang', 'Phong', 'Điền', 'Khê',
  'Giang', 'Hà', 'Lâm', 'Mỹ', 'Nghĩa', 'Tân', 'Thạnh', 'Hiệp', 'Định', 'Yên', 'Vinh', 'Đức', 'Hội', 'Cường',
  'Thủy', 'Kỳ', 'Ninh', 'Lạc', 'Dương', 'Châu', 'Cát', 'Tường', 'Quý', 'Thắng', 'Hồng', 'Chính', 'Trạch',
] as const;

/** Words for names of enterprises, schools and agencies. */
export const ENTERPRISE_WORDS = [
  'Hoàng Long', 'Thành Đạt', 'Minh Phát', 'Phú Thịnh', 'Việt Tiến', 'Hưng Thịnh', 'Đại Phát', 'Tân Tiến',
  'An Phú', 'Sao Mai', 'Hồng Hà', 'Trường Sơn', 'Thái Bình Dương', 'Bình Minh', 'Phương Nam', 'Đông Á',
  'Toàn Thắng', 'Nam Việt', 'Kim Long', 'Hải Âu', 'Thiên Phúc', 'Tiến Phát', 'Quang Minh', 'Đất Việt',
] as const;
export const ENTERPRISE_TRADES = [
  'Xây dựng', 'Thương mại và Dịch vụ', 'May mặc', 'Chế biến Nông sản', 'Vận tải', 'Cơ khí', 'Thủy sản',
  'Vật liệu Xây dựng', 'Dược phẩm', 'Điện tử', 'Gỗ', 'Du lịch', 'Thực phẩm', 'Nhựa', 'Cao su', 'Giày da',
] as const;

export const PROVINCE_PARTY_BODIES = [
  'Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy', 'Ban Chính sách, chiến lược Tỉnh ủy', 'Báo và Phát thanh, Truyền hình tỉnh', 'Trường Chính trị tỉnh',
  'Cơ quan Ủy ban Mặt trận Tổ quốc tỉnh', 'Hội Nông dân tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh', 'Tỉnh đoàn',
  'Liên đoàn Lao động tỉnh', 'Hội Cựu chiến binh tỉnh', 'Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh',
] as const;
export const PROVINCE_GOV_BODIES = [
  'Văn phòng UBND tỉnh', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch', 'Thanh tra tỉnh', 'Sở Ngoại vụ', 'Sở Dân tộc và Tôn giáo',
] as const;
export const PROVINCE_PUBLIC_SERVICE = [
  'Bệnh viện Đa khoa tỉnh', 'Bệnh viện Sản - Nhi tỉnh', 'Trường Cao đẳng Y tế', 'Trường Đại học tỉnh',
  'Đài Khí tượng Thủy văn tỉnh', 'Bảo hiểm xã hội tỉnh', 'Trung tâm Kiểm soát bệnh tật tỉnh', 'Trường Cao đẳng Kỹ thuật',
] as const;
export const PROVINCE_STATE_ENTERPRISES = [
  'Công ty Điện lực', 'Công ty Cổ phần Cấp nước', 'Công ty TNHH MTV Xổ số kiến thiết', 'Công ty TNHH MTV Khai thác công trình thủy lợi',
  'Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh tỉnh', 'Công ty TNHH MTV Lâm nghiệp', 'Bưu điện tỉnh', 'Viễn thông tỉnh',
] as const;
export const DEPARTMENTS_ADMIN = ['Văn phòng', 'Phòng Tổng hợp', 'Phòng Nghiệp vụ 1', 'Phòng Nghiệp vụ 2', 'Phòng Kế hoạch - Tài chính', 'Phòng Tổ chức cán bộ', 'Phòng Thanh tra', 'Phòng Pháp chế'] as const;
export const DEPARTMENTS_HOSPITAL = ['Khoa Nội', 'Khoa Ngoại', 'Khoa Nhi', 'Khoa Sản', 'Khoa Cấp cứu', 'Khoa Dược', 'Khoa Xét nghiệm', 'Khoa Chẩn đoán hình ảnh', 'Phòng Hành chính - Quản trị', 'Phòng Điều dưỡng', 'Khoa Truyền nhiễm', 'Khoa Hồi sức tích cực'] as const;
export const DEPARTMENTS_SCHOOL = ['Tổ Khoa học tự nhiên', 'Tổ Khoa học xã hội', 'Tổ Ngoại ngữ', 'Tổ Văn phòng', 'Tổ Toán - Tin'] as const;
export const DEPARTMENTS_ENTERPRISE = ['Phòng Kỹ thuật', 'Phòng Kinh doanh', 'Phòng Tài chính - Kế toán', 'Phòng Hành chính - Nhân sự', 'Phân xưởng số 1', 'Phân xưởng số 2', 'Phân xưởng số 3', 'Xí nghiệp số 1', 'Xí nghiệp số 2', 'Đội Sản xuất số 1', 'Đội Sản xuất số 2'] as const;
export const DEPARTMENTS_POLICE = ['Phòng Tham mưu', 'Phòng Cảnh sát hình sự', 'Phòng Cảnh sát giao thông', 'Phòng An ninh kinh tế', 'Phòng Cảnh sát PCCC và CNCH', 'Phòng Hậu cần', 'Phòng Tổ chức cán bộ', 'Phòng Quản lý xuất nhập cảnh', 'Trại tạm giam'] as const;
export const DEPARTMENTS_MILITARY = ['Phòng Tham mưu', 'Phòng Chính trị', 'Phòng Hậu cần - Kỹ thuật', 'Ban Tài chính', 'Đại đội Trinh sát', 'Đại đội Công binh', 'Đại đội Thông tin', 'Tiểu đoàn Bộ binh 1', 'Tiểu đoàn Bộ binh 2'] as const;
