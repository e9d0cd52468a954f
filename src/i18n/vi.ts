import type { Role } from '../domain/permissions.js';

// Vietnamese messages for every error code. The key is the code the API returns.
export const messages = {
  VALIDATION: 'Dữ liệu không hợp lệ: {detail}',
  INVALID_CITIZEN_ID: 'Số CCCD "{value}" không hợp lệ: phải gồm đúng 12 chữ số',
  INVALID_DATE: 'Trường "{field}" không phải ngày hợp lệ (định dạng YYYY-MM-DD): "{value}"',
  UNAUTHENTICATED: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn',
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng',
  WEAK_PASSWORD: 'Mật khẩu mới chưa đạt yêu cầu: {reasons}',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này',
  CSRF_REJECTED: 'Yêu cầu bị từ chối vì không xuất phát từ trang Đảng vụ (thiếu hoặc sai mã chống giả mạo). Hãy tải lại trang rồi thử lại',
  PASSWORD_CHANGE_REQUIRED: 'Bạn cần đổi mật khẩu trước khi tiếp tục',
  SECOND_FACTOR_REQUIRED: 'Bạn cần hoàn tất xác thực hai lớp trước khi tiếp tục',
  NOT_FOUND: 'Không tìm thấy',
  ORG_NOT_FOUND: 'Không tìm thấy tổ chức đảng (mã {id})',
  MEMBER_NOT_FOUND: 'Không tìm thấy đảng viên (mã {id})',
  NO_OWN_RECORD: 'Tài khoản của bạn chưa được gắn với hồ sơ đảng viên nào. Hãy liên hệ cán bộ tổ chức',
  PARENT_NOT_FOUND: 'Không tìm thấy tổ chức đảng cấp trên (mã {id})',
  DUPLICATE_ORG_CODE: 'Mã tổ chức "{code}" đã được dùng',
  DUPLICATE_CITIZEN_ID: 'Số CCCD {value} đã có trong hồ sơ của đảng viên khác',
  DUPLICATE_PARTY_CARD: 'Số thẻ đảng {value} đã có trong hồ sơ của đảng viên khác',
  STALE_VERSION: 'Hồ sơ đã được người khác sửa (phiên bản hiện tại {current}, bạn sửa từ phiên bản {given}). Hãy tải lại rồi sửa tiếp',
  ORG_CYCLE: 'Không thể chuyển "{name}" vào chính nó hoặc vào một tổ chức trực thuộc nó',
  ORG_DISSOLVED: 'Tổ chức "{name}" đã giải thể hoặc hợp nhất, không thể thay đổi',
  ORG_HAS_ACTIVE_MEMBERS: 'Không thể giải thể "{name}": còn {count} đảng viên đang sinh hoạt. Hãy chuyển sinh hoạt cho họ trước',
  ORG_HAS_ACTIVE_CHILDREN: 'Không thể giải thể "{name}": còn {count} tổ chức trực thuộc đang hoạt động',
  ORG_TYPE_NOT_ALLOWED: 'Loại tổ chức "{childType}" không thể đặt dưới loại "{parentType}"',
  EFFECTIVE_DATE_TOO_EARLY: 'Ngày hiệu lực {date} sớm hơn lần thay đổi gần nhất của "{name}" ({last})',
  EFFECTIVE_DATE_IN_FUTURE: 'Ngày hiệu lực {date} ở tương lai; chỉ ghi nhận thay đổi đã có hiệu lực',
  MERGE_INTO_SELF: 'Không thể hợp nhất một tổ chức vào chính nó hoặc vào tổ chức trực thuộc nó',
  STATUS_TRANSITION_NOT_ALLOWED: 'Không thể chuyển trạng thái từ "{from}" sang "{to}"',
  AS_OF_IN_FUTURE: 'Ngày số liệu {date} ở tương lai (hôm nay là {today}); chỉ thống kê được đến hôm nay',
  DATA_DIR_LOCKED: 'Cơ sở dữ liệu nhúng ở {dir} đang được tiến trình {pid} sử dụng. Hãy dừng tiến trình đó (hoặc dùng lệnh qua máy chủ đang chạy) rồi thử lại',
  INTERNAL: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên',
  ORG_SAME_PARENT: '"{name}" đã trực thuộc tổ chức này',
  MERGE_TARGET_HOLDS_NO_MEMBERS: 'Không thể hợp nhất vào "{name}": tổ chức này không trực tiếp quản lý đảng viên, mà còn {count} đảng viên cần chuyển sang. Hãy chọn một chi bộ',
  INVALID_PARTY_CARD: 'Số thẻ đảng "{value}" không hợp lệ: thẻ mới gồm 12 chữ số, thẻ cũ từ 6 đến 12 chữ số',
  INVALID_BIRTH_DATE: 'Ngày sinh {value} không hợp lý: đến ngày {date} mới {age} tuổi, tuổi phải từ {min} đến {max}',
  DATE_IN_FUTURE: '{field} ({value}) ở tương lai; hồ sơ chỉ ghi những việc đã xảy ra',
  DATE_ORDER: '{field} ({value}) không được sớm hơn {other} ({otherValue})',
  INVALID_GENERAL_EDUCATION: 'Trình độ giáo dục phổ thông "{value}" không hợp lệ; ghi theo dạng lớp/hệ, ví dụ 12/12, 9/12, 10/10',
  ORG_HOLDS_NO_MEMBERS: 'Tổ chức "{name}" không trực tiếp quản lý đảng viên; hãy chọn chi bộ',
  MEMBER_NOT_ON_ROLLS: 'Đảng viên "{name}" không còn trong danh sách sinh hoạt (trạng thái: {status})',
  PLACEMENT_UNCHANGED: 'Đảng viên "{name}" đang sinh hoạt tại "{org}"',
  SEARCH_TOO_SHORT: 'Tìm ở bất kỳ vị trí nào trong tên cần ít nhất {min} ký tự',
  INVALID_CURSOR: 'Con trỏ trang không hợp lệ hoặc không khớp cách sắp xếp; hãy tải lại từ trang đầu',
  PHOTO_TOO_LARGE: 'Ảnh quá lớn: tối đa {max}',
  UNSUPPORTED_PHOTO_TYPE: 'Ảnh phải là tệp JPEG hoặc PNG',
  INVALID_PHOTO: 'Nội dung tệp không phải ảnh {type} hợp lệ',
  PHOTO_NOT_FOUND: 'Hồ sơ đảng viên (mã {id}) chưa có ảnh',
  USER_NOT_FOUND: 'Không tìm thấy tài khoản (mã {id})',
  DUPLICATE_USERNAME: 'Tên đăng nhập "{value}" đã được dùng',
  MEMBER_ALREADY_LINKED: 'Hồ sơ đảng viên (mã {id}) đã gắn với tài khoản "{username}"',
  ROLE_ASSIGNMENT_NOT_FOUND: 'Không tìm thấy phân quyền (mã {id})',
  ROLE_ASSIGNMENT_REVOKED: 'Phân quyền (mã {id}) đã được thu hồi trước đó',
  ROLE_ALREADY_ASSIGNED: 'Tài khoản "{username}" đã có vai trò {role} tại {org} trong khoảng thời gian này (phân quyền mã {id})',
} as const;

export type MessageKey = keyof typeof messages;

// Why a request was refused (code FORBIDDEN, details.reason = the key).
export const refusals = {
  self_grant: 'Không ai được tự cấp hoặc tự thu hồi vai trò của chính mình; hãy đề nghị người quản trị cấp trên',
  role_too_strong: 'Bạn không được cấp hoặc thu hồi vai trò "{role}": vai trò này vượt quá quyền phân quyền của bạn',
  org_outside_scope: 'Bạn không được cấp hoặc thu hồi vai trò "{role}" tại {org}: nơi này nằm ngoài phạm vi mà bạn được phân quyền',
  target_stronger: 'Tài khoản "{username}" có vai trò mạnh hơn hoặc rộng hơn quyền của bạn; chỉ quản trị viên cấp trên được thao tác trên tài khoản này',
  self_administration: 'Không thể tự quản trị tài khoản của chính mình ở đây; hãy dùng chức năng đổi mật khẩu hoặc đăng xuất của mình',
  installation_wide_account: 'Chỉ quản trị viên toàn hệ thống được đặt tài khoản không thuộc đơn vị nào',
} as const;

export type RefusalReason = keyof typeof refusals;

export const roleLabels = {
  admin: 'quản trị hệ thống',
  org_staff: 'cán bộ Ban Tổ chức',
  inspection_staff: 'cán bộ Ủy ban Kiểm tra',
  committee: 'cấp ủy, bí thư',
  leader: 'lãnh đạo (chỉ xem)',
  member: 'đảng viên',
} as const satisfies Record<Role, string>;
