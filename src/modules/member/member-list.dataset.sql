-- A national-shaped dataset for the member list plans (docs/queries/member-list.md), in SQL so
-- it loads in minutes: 34 provinces × 100 communes × (5 grassroots committees with 14 cells +
-- 10 grassroots cells) = 272,000 cells and 5,600,000 members (~165,000 per province, ~20 per
-- cell), with Vietnamese names in realistic proportions (Nguyễn ≈ 38 %).
-- Run on an empty, migrated PostgreSQL database:
--   psql "$URL" -v ON_ERROR_STOP=1 -f src/modules/member/member-list.dataset.sql
-- then recount the roll-ups (rebuildAll); member-list.plans.ts does both.

set maintenance_work_mem = '1GB';
set synchronous_commit = off;

-- Indexes are built after the load, with the same definitions as 0001_init.
drop index member_citizen_id_uq, member_party_card_uq, member_org_idx, member_path_name_idx,
  member_name_sort_idx, member_name_words_idx, member_name_trgm_idx;

insert into org (id, code, name, name_norm, org_type, org_kind, parent_id, path, level, founded_on)
select p, 'P' || p, 'Đảng bộ tỉnh ' || p, 'dang bo tinh ' || p, 'province', null, null, '/' || p || '/', 1, '1990-01-01'
from generate_series(1, 34) p;

insert into org (id, code, name, name_norm, org_type, org_kind, parent_id, path, level, founded_on)
select 1000 + (p - 1) * 100 + s, 'X' || p || '-' || s, 'Đảng bộ xã ' || p || '-' || s, 'dang bo xa ' || p || '-' || s,
  'superior', 'commune', p, '/' || p || '/' || (1000 + (p - 1) * 100 + s) || '/', 2, '2025-07-01'
from generate_series(1, 34) p, generate_series(1, 100) s;

-- 15 grassroots orgs per commune: the first 5 are committees (with cells), the rest cells.
insert into org (id, code, name, name_norm, org_type, org_kind, parent_id, path, level, founded_on)
select 100000 + (x.id - 1001) * 15 + g, 'G' || x.id || '-' || g,
  case when g <= 5 then 'Đảng bộ cơ sở ' else 'Chi bộ cơ sở ' end || x.id || '-' || g,
  case when g <= 5 then 'dang bo co so ' else 'chi bo co so ' end || x.id || '-' || g,
  case when g <= 5 then 'grassroots_committee' else 'grassroots_cell' end, 'village', x.id,
  x.path || (100000 + (x.id - 1001) * 15 + g) || '/', 3, '2000-01-01'
from org x, generate_series(1, 15) g
where x.org_type = 'superior';

insert into org (id, code, name, name_norm, org_type, org_kind, parent_id, path, level, founded_on)
select 1000000 + (c.id - 100001) * 14 + k, 'C' || c.id || '-' || k, 'Chi bộ ' || c.id || '-' || k, 'chi bo ' || c.id || '-' || k,
  'cell', 'village', c.id, c.path || (1000000 + (c.id - 100001) * 14 + k) || '/', 4, '2000-01-01'
from org c, generate_series(1, 14) k
where c.org_type = 'grassroots_committee';

insert into org_version (org_id, valid_from, valid_to, name, org_type, org_kind, parent_id, path, level)
select id, founded_on, null, name, org_type, org_kind, parent_id, path, level from org;

select setval(pg_get_serial_sequence('org', 'id'), (select max(id) from org));

create temporary table holder as
select (row_number() over (order by id)) - 1 as rn, id, path from org where org_type in ('cell', 'grassroots_cell');
create unique index on holder (rn);
analyze holder;

-- Parallel arrays: the written form and its normalized form (vn-name.ts normalizeName).
create temporary table names (k text primary key, written text[], norm text[]);
insert into names values
('family',
 array['Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn','Nguyễn',
       'Trần','Trần','Trần','Trần','Trần','Lê','Lê','Lê','Lê','Lê','Phạm','Phạm','Phạm','Hoàng','Hoàng','Huỳnh','Phan','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý','Đinh','Trương','Lương','Mai'],
 array['nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen','nguyen',
       'tran','tran','tran','tran','tran','le','le','le','le','le','pham','pham','pham','hoang','hoang','huynh','phan','phan','vu','vo','dang','bui','do','ho','ngo','duong','ly','dinh','truong','luong','mai']),
('middle_m',
 array['Văn','Văn','Văn','Văn','Văn','Văn','Hữu','Đức','Minh','Thanh','Quốc','Xuân','Công','Đình','Quang','Mạnh','Thế','Trọng','Việt','Anh'],
 array['van','van','van','van','van','van','huu','duc','minh','thanh','quoc','xuan','cong','dinh','quang','manh','the','trong','viet','anh']),
('middle_f',
 array['Thị','Thị','Thị','Thị','Thị','Thị','Thị','Ngọc','Thanh','Thu','Hồng','Kim','Minh','Phương','Thúy','Bích','Mỹ','Hoài','Khánh','Bảo'],
 array['thi','thi','thi','thi','thi','thi','thi','ngoc','thanh','thu','hong','kim','minh','phuong','thuy','bich','my','hoai','khanh','bao']),
('given_m',
 array['An','Bình','Cường','Dũng','Dương','Đạt','Giang','Hải','Hiếu','Hòa','Hùng','Hưng','Huy','Khánh','Long','Minh','Nam','Phong','Phúc','Quân','Quang','Sơn','Tâm','Thắng','Thành','Trung','Tú','Tuấn','Việt','Vinh','Kiên','Lâm','Lộc','Nhân','Thái','Thịnh','Tiến','Toàn','Tùng','Đức','Hoàng','Khoa','Nghĩa','Phát','Hậu','Đông'],
 array['an','binh','cuong','dung','duong','dat','giang','hai','hieu','hoa','hung','hung','huy','khanh','long','minh','nam','phong','phuc','quan','quang','son','tam','thang','thanh','trung','tu','tuan','viet','vinh','kien','lam','loc','nhan','thai','thinh','tien','toan','tung','duc','hoang','khoa','nghia','phat','hau','dong']),
('given_f',
 array['Anh','Chi','Cúc','Dung','Giang','Hà','Hạnh','Hằng','Hiền','Hoa','Hương','Huyền','Lan','Linh','Loan','Mai','Nga','Ngọc','Nhung','Oanh','Phương','Quyên','Tâm','Thảo','Thu','Thủy','Trâm','Trang','Uyên','Vân','Xuân','Yến','Hồng','Liên','My','Nhi'],
 array['anh','chi','cuc','dung','giang','ha','hanh','hang','hien','hoa','huong','huyen','lan','linh','loan','mai','nga','ngoc','nhung','oanh','phuong','quyen','tam','thao','thu','thuy','tram','trang','uyen','van','xuan','yen','hong','lien','my','nhi']);

insert into member (id, full_name, name_norm, name_sort, sex, birth_date, ethnicity, religion, citizen_id, party_card_no,
  admission_date, official_date, youth_union_date, general_education, professional_level, theory_level,
  status, status_since, org_id, org_path)
select g.i, g.full_name, g.name_norm, g.given || ' ' || g.name_norm, g.sex, g.birth_date, g.ethnicity, g.religion,
  lpad(g.i::text, 12, '0'),
  case when g.status in ('official', 'exempt') then '9' || lpad(g.i::text, 11, '0') end,
  g.admission_date, case when g.status <> 'probationary' then g.admission_date + 365 end,
  case when g.r3 < 0.6 then g.birth_date + 16 * 365 end,
  (array['12/12','12/12','12/12','9/12','10/10','12/12','7/10'])[1 + floor(g.r2 * 7)::int],
  (array['none','vocational','intermediate','college','university','university','master','doctor'])[1 + floor(g.r3 * 8)::int],
  (array['none','none','elementary','elementary','intermediate','intermediate','advanced','bachelor'])[1 + floor(g.r4 * 8)::int],
  g.status, case when g.status = 'probationary' then g.admission_date else g.admission_date + 365 end,
  h.id, h.path
from (
  select s.i, s.sex, s.birth_date, s.status, s.r2, s.r3, s.r4,
    (f.written)[s.fi] || ' ' || (case when s.sex = 'male' then mm.written else mf.written end)[s.mi] || ' ' || (case when s.sex = 'male' then gm.written else gf.written end)[s.gi] as full_name,
    (f.norm)[s.fi] || ' ' || (case when s.sex = 'male' then mm.norm else mf.norm end)[s.mi] || ' ' || (case when s.sex = 'male' then gm.norm else gf.norm end)[s.gi] as name_norm,
    (case when s.sex = 'male' then gm.norm else gf.norm end)[s.gi] as given,
    least(s.birth_date + ((18 + floor(s.r2 * 30)) * 365)::int, date '2026-01-01') as admission_date,
    case when s.r3 < 0.86 then 'kinh' else (array['tay','thai','muong','khmer','hoa','nung','hmong'])[1 + floor(s.r4 * 7)::int] end as ethnicity,
    case when s.r4 < 0.92 then 'none' else (array['buddhism','catholic','protestant','caodaism'])[1 + floor(s.r2 * 4)::int] end as religion
  from (
    select i,
      case when random() < 0.62 then 'male' else 'female' end as sex,
      date '1935-01-01' + floor(random() * 25500)::int as birth_date,
      (array['probationary','official','official','official','official','official','official','official','official','official',
             'official','official','official','official','official','official','exempt','exempt','deceased','transferred'])[1 + floor(random() * 20)::int] as status,
      1 + floor(random() * 50)::int as fi, 1 + floor(random() * 20)::int as mi,
      1 + floor(random() * 36)::int as gi,
      random() as r2, random() as r3, random() as r4
    from generate_series(1, 5600000) i
  ) s,
  names f, names mm, names mf, names gm, names gf
  where f.k = 'family' and mm.k = 'middle_m' and mf.k = 'middle_f' and gm.k = 'given_m' and gf.k = 'given_f'
) g
join holder h on h.rn = g.i % 272000;

-- Men draw their given name from the first 36 of 46 male names: shift a share to the rest.
update member set full_name = regexp_replace(full_name, '\S+$', (array['Kiên','Lâm','Lộc','Nhân','Thái','Thịnh','Tiến','Toàn','Tùng','Đức'])[1 + id % 10]),
  name_norm = regexp_replace(name_norm, '\S+$', (array['kien','lam','loc','nhan','thai','thinh','tien','toan','tung','duc'])[1 + id % 10]),
  name_sort = (array['kien','lam','loc','nhan','thai','thinh','tien','toan','tung','duc'])[1 + id % 10] || ' ' ||
    regexp_replace(name_norm, '\S+$', (array['kien','lam','loc','nhan','thai','thinh','tien','toan','tung','duc'])[1 + id % 10])
where sex = 'male' and id % 5 = 0;

select setval(pg_get_serial_sequence('member', 'id'), (select max(id) from member));

insert into member_status_period (member_id, valid_from, valid_to, status, decision_no)
select id, status_since, null, status, null from member;
insert into member_placement (member_id, valid_from, valid_to, org_id)
select id, coalesce(admission_date, status_since), null, org_id from member;

create unique index member_citizen_id_uq on member(citizen_id) where citizen_id is not null and deleted_at is null;
create unique index member_party_card_uq on member(party_card_no) where party_card_no is not null;
create index member_org_idx on member(org_id);
create index member_path_name_idx on member(org_path, name_sort, id);
create index member_name_sort_idx on member(name_sort, id);
create index member_name_words_idx on member using gin (to_tsvector('simple', name_norm));
create index member_name_trgm_idx on member using gin (name_norm gin_trgm_ops);

vacuum analyze member;
vacuum analyze org;
vacuum analyze member_status_period;
vacuum analyze member_placement;
