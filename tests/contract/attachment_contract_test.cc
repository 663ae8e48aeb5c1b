// Attachments on every backend (issues 6 and 7): bytes of every value (NUL, 0xFF, invalid UTF-8)
// stored and read back exactly as blobs; staged uploads attached only by their uploader and only
// while staged, all or none, to a case or to a policy; a case's and a policy's attachments in
// order; deletion by id with the bytes; the sweep of old staged uploads with their bytes (never a
// policy's); and the copy to another database carrying the bytes as bytes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "backends.h"
#include "storage/copy.h"
#include "storage/migrate.h"
#include "storage/sql_store.h"

namespace lz::storage {
[[maybe_unused]] static void PrintTo(const Attachment& a, std::ostream* os) {
  *os << "{id=" << a.id << " case=" << (a.case_id ? std::to_string(*a.case_id) : "-")
      << " policy=" << (a.policy_id ? std::to_string(*a.policy_id) : "-")
      << " seq=" << (a.event_seq ? std::to_string(*a.event_seq) : "-") << " " << a.media_type << " " << a.byte_size
      << "B " << a.width << "x" << a.height << " name=" << a.name << " by=" << a.created_by << " at=" << a.created_at
      << "}";
}
}  // namespace lz::storage

namespace lz::testing {
namespace {

using storage::Attachment;
using storage::Repositories;

// Every byte value, twice, with a JPEG's first bytes: what a text column would mangle.
std::string AllBytes() {
  std::string s = "\xFF\xD8\xFF";
  for (int round = 0; round < 2; ++round) {
    for (int b = 0; b < 256; ++b) s.push_back(static_cast<char>(b));
  }
  return s;
}

class AttachmentContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      RETURN_IF_ERROR(r.regions().Insert({"36", "江西省", org::RegionLevel::kProvince, "", 0}, "test"));
      casework::Channel patrol;
      patrol.code = "patrol";
      patrol.name = "城管巡查";
      RETURN_IF_ERROR(r.catalogue().PutChannel(patrol));
      casework::Category cat;
      cat.code = "02";
      cat.name = "城市管理";
      RETURN_IF_ERROR(r.catalogue().InsertCategory(cat).status());
      return Status::Ok();
    });
    for (const char* number : {"A-1", "A-2"}) {
      cases_.push_back(InsertCase(number, "patrol", "02", "36", casework::CaseState::kReceived, kStart, std::nullopt));
    }
  }

  Attachment New(int64_t user, TimeMs at, const std::string& name) {
    Attachment a;
    a.media_type = "image/jpeg";
    a.byte_size = static_cast<int64_t>(AllBytes().size());
    a.sha256 = "ab12";
    a.width = 4032;
    a.height = 3024;
    a.name = name;
    a.created_by = user;
    a.created_at = at;
    return a;
  }
  int64_t Stage(Attachment& a, const std::string& bytes) {
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(a.id, r.attachments().Insert(a, bytes));
      return Status::Ok();
    });
    return a.id;
  }
  Status Attach(const std::vector<int64_t>& ids, int64_t user, int64_t case_id, std::optional<int32_t> seq) {
    return store_->Write([&](Repositories& r) { return r.attachments().Attach(ids, user, case_id, seq); });
  }
  template <typename T, typename F>
  T Read(F&& f) {
    T out{};
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, f(r));
      return Status::Ok();
    });
    return out;
  }

  std::vector<int64_t> cases_;
};

TEST_P(AttachmentContract, BytesComeBackExactlyAndStagedUploadsAttachOnce) {
  Attachment a = New(7, kStart, "现场照片.jpg");
  Attachment b = New(7, kStart + 1000, "");
  Attachment theirs = New(8, kStart, "他人.jpg");
  Stage(a, AllBytes());
  Stage(b, std::string("\0\0\0", 3));
  Stage(theirs, "x");
  EXPECT_EQ(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(a.id); }),
            std::optional<std::string>(AllBytes()));
  EXPECT_EQ(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(b.id); }),
            std::optional<std::string>(std::string("\0\0\0", 3)));
  EXPECT_EQ(Read<std::optional<Attachment>>([&](Repositories& r) { return r.attachments().Get(a.id); }),
            std::optional<Attachment>(a));
  EXPECT_FALSE(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(999999); }));

  // Someone else's upload among them: refused, and none is attached.
  Status st = Attach({a.id, theirs.id}, 7, cases_[0], std::nullopt);
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.field(), "attachment_ids");
  EXPECT_TRUE(Read<std::vector<Attachment>>([&](Repositories& r) { return r.attachments().ForCase(cases_[0]); }).empty());

  ASSERT_TRUE(Attach({b.id, a.id}, 7, cases_[0], 3).ok());
  auto listed = Read<std::vector<Attachment>>([&](Repositories& r) { return r.attachments().ForCase(cases_[0]); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, a.id) << "oldest first";
  EXPECT_EQ(listed[1].id, b.id);
  EXPECT_EQ(listed[0].case_id, cases_[0]);
  EXPECT_EQ(listed[0].event_seq, 3);
  // Attached already: not again, not to another case.
  EXPECT_EQ(Attach({a.id}, 7, cases_[1], std::nullopt).code(), StatusCode::kNotFound);
  EXPECT_TRUE(Read<std::vector<Attachment>>([&](Repositories& r) { return r.attachments().ForCase(cases_[1]); }).empty());
}

TEST_P(AttachmentContract, TheSweepTakesOnlyOldStagedUploadsWithTheirBytes) {
  Attachment old_staged = New(7, kStart, "旧.jpg");
  Attachment new_staged = New(7, kStart + 10'000, "新.jpg");
  Attachment old_attached = New(7, kStart, "已用.jpg");
  Stage(old_staged, "1");
  Stage(new_staged, "2");
  Stage(old_attached, "3");
  ASSERT_TRUE(Attach({old_attached.id}, 7, cases_[0], std::nullopt).ok());
  int64_t swept = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(swept, r.attachments().DeleteStaged(kStart + 10'000));
    return Status::Ok();
  });
  EXPECT_EQ(swept, 1);
  EXPECT_FALSE(Read<std::optional<Attachment>>([&](Repositories& r) { return r.attachments().Get(old_staged.id); }));
  EXPECT_FALSE(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(old_staged.id); }));
  EXPECT_TRUE(Read<std::optional<Attachment>>([&](Repositories& r) { return r.attachments().Get(new_staged.id); }));
  EXPECT_TRUE(Read<std::optional<Attachment>>([&](Repositories& r) { return r.attachments().Get(old_attached.id); }));
}

TEST_P(AttachmentContract, PoliciesTakeStagedUploadsAndDeleteThemWithTheirBytes) {
  int64_t policy_id = 0;
  MustWrite([&](Repositories& r) -> Status {
    org::Unit u;
    u.name = "吉安市人民政府";
    u.kind = org::UnitKind::kDepartment;
    u.region_code = "36";
    u.created_at = u.updated_at = kStart;
    ASSIGN_OR_RETURN(int64_t unit, r.units().Insert(u));
    policy::Policy p;
    p.doc_number = "吉府发〔2022〕3号";
    p.issuer_unit_id = unit;
    p.issued_on = "2022-03-01";
    p.title = "吉安市产业链链长制工作方案";
    p.created_at = p.updated_at = kStart;
    ASSIGN_OR_RETURN(policy_id, r.policies().Insert(p));
    return Status::Ok();
  });
  Attachment pdf = New(7, kStart, "工作方案.pdf");
  pdf.media_type = "application/pdf";
  Attachment docx = New(7, kStart + 1000, "实施细则.docx");
  Attachment theirs = New(8, kStart, "他人.pdf");
  Attachment on_case = New(7, kStart, "现场.jpg");
  Stage(docx, "PK\x03\x04");
  Stage(pdf, AllBytes());
  Stage(theirs, "x");
  Stage(on_case, "y");
  ASSERT_TRUE(Attach({on_case.id}, 7, cases_[0], std::nullopt).ok());
  auto attach = [&](const std::vector<int64_t>& ids, int64_t user) {
    return store_->Write([&](Repositories& r) { return r.attachments().AttachToPolicy(ids, user, policy_id); });
  };
  auto of_policy = [&] {
    return Read<std::vector<Attachment>>([&](Repositories& r) { return r.attachments().ForPolicy(policy_id); });
  };
  for (int64_t bad : {theirs.id, on_case.id, int64_t{999999}}) {
    Status st = attach({pdf.id, bad}, 7);
    EXPECT_EQ(st.code(), StatusCode::kNotFound) << bad;
    EXPECT_EQ(st.field(), "attachment_ids");
    EXPECT_TRUE(of_policy().empty()) << "all or none";
  }
  ASSERT_TRUE(attach({docx.id, pdf.id}, 7).ok());
  auto listed = of_policy();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, pdf.id) << "oldest first";
  EXPECT_EQ(listed[1].id, docx.id);
  EXPECT_EQ(listed[0].policy_id, policy_id);
  EXPECT_FALSE(listed[0].case_id);
  EXPECT_EQ(listed[0].media_type, "application/pdf");
  EXPECT_EQ(attach({pdf.id}, 7).code(), StatusCode::kNotFound) << "attached already";
  EXPECT_EQ(Attach({docx.id}, 7, cases_[1], std::nullopt).code(), StatusCode::kNotFound)
      << "a policy's file is not staged for a case";

  // The sweep leaves a policy's files, however old.
  MustWrite([&](Repositories& r) { return r.attachments().DeleteStaged(kStart + 100'000).status(); });
  EXPECT_EQ(of_policy().size(), 2u);
  EXPECT_FALSE(Read<std::optional<Attachment>>([&](Repositories& r) { return r.attachments().Get(theirs.id); }));

  int64_t deleted = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(deleted, r.attachments().Delete({pdf.id, 999999}));
    return Status::Ok();
  });
  EXPECT_EQ(deleted, 1) << "unknown ids are skipped";
  listed = of_policy();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, docx.id);
  EXPECT_FALSE(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(pdf.id); }))
      << "the bytes go with the row";
  EXPECT_TRUE(Read<std::optional<std::string>>([&](Repositories& r) { return r.attachments().Content(docx.id); }));
}

TEST_P(AttachmentContract, CopyCarriesTheBytesAsBytes) {
  Attachment a = New(7, kStart, "现场照片.jpg");
  Stage(a, AllBytes());
  ASSERT_TRUE(Attach({a.id}, 7, cases_[1], 2).ok());
  a.case_id = cases_[1];
  a.event_seq = 2;
  TempDir other;
  auto target = GetParam().open(other.path());
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  ASSERT_TRUE(storage::Migrate(**target, clock_).ok());
  auto copied = storage::CopyDatabase(*db_, **target);
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  auto copy = storage::MakeSqlStore(*target);
  Status st = copy->Read([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.attachments().Get(a.id));
    EXPECT_EQ(got, std::optional<Attachment>(a));
    ASSIGN_OR_RETURN(auto bytes, r.attachments().Content(a.id));
    EXPECT_EQ(bytes, std::optional<std::string>(AllBytes()));
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

INSTANTIATE_TEST_SUITE_P(AllBackends, AttachmentContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
