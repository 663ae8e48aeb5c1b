// Tests of common/status.h: codes and names, Result<T>, RETURN_IF_ERROR and ASSIGN_OR_RETURN.
#include "common/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace lz {
namespace {

TEST(StatusCodeName, StableNamesForEveryCode) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
}

TEST(Status, ConstructorsSetCodeMessageAndField) {
  EXPECT_TRUE(Status().ok());
  EXPECT_TRUE(Status::Ok().ok());
  Status s = InvalidArgument("name is required", "name");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "name is required");
  EXPECT_EQ(s.field(), "name");
  EXPECT_EQ(s.ToString(), "invalid_argument: name is required (field: name)");
  EXPECT_EQ(NotFound("x").code(), StatusCode::kNotFound);
  EXPECT_EQ(NotFound("x").ToString(), "not_found: x");
  EXPECT_EQ(AlreadyExists("x", "login").field(), "login");
  EXPECT_EQ(FailedPrecondition("x").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(PermissionDenied("x").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Unauthenticated("x").code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(ResourceExhausted("x").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Unavailable("x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(Internal("x").code(), StatusCode::kInternal);
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

// --- propagation helpers ---

int g_after = 0;

Status Fails() { return FailedPrecondition("no", "field_x"); }
Status Succeeds() { return Status::Ok(); }
Result<int> Number(bool ok) {
  if (!ok) return InvalidArgument("bad number", "n");
  return 7;
}
Result<std::unique_ptr<int>> Boxed(bool ok) {
  if (!ok) return Unavailable("down");
  return std::make_unique<int>(9);
}

Status UsesReturnIfError(bool fail) {
  RETURN_IF_ERROR(Succeeds());
  RETURN_IF_ERROR(fail ? Fails() : Succeeds());
  ++g_after;
  return Status::Ok();
}

Status UsesReturnIfErrorOnResult(bool ok) {
  RETURN_IF_ERROR(Number(ok));
  ++g_after;
  return Status::Ok();
}

Result<int> UsesAssignOrReturn(bool ok) {
  ASSIGN_OR_RETURN(int n, Number(ok));
  ++g_after;
  return n * 2;
}

Result<int> TwoAssignsOnOneFunction(bool first, bool second) {
  ASSIGN_OR_RETURN(int a, Number(first));
  ASSIGN_OR_RETURN(auto b, Boxed(second));
  return a + *b;
}

Status AssignIntoExisting(int& out) {
  ASSIGN_OR_RETURN(out, Number(true));
  return Status::Ok();
}

TEST(Result, HoldsValueOrStatus) {
  auto v = Number(true);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
  EXPECT_TRUE(v.status().ok());
  auto e = Number(false);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.status().message(), "bad number");
  auto b = Boxed(true);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(**b, 9);
}

TEST(ReturnIfError, PropagatesStatusAndStopsExecution) {
  g_after = 0;
  Status s = UsesReturnIfError(true);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "no");
  EXPECT_EQ(s.field(), "field_x");
  EXPECT_EQ(g_after, 0);
  EXPECT_TRUE(UsesReturnIfError(false).ok());
  EXPECT_EQ(g_after, 1);
}

TEST(ReturnIfError, AcceptsResult) {
  g_after = 0;
  Status s = UsesReturnIfErrorOnResult(false);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "n");
  EXPECT_EQ(g_after, 0);
  EXPECT_TRUE(UsesReturnIfErrorOnResult(true).ok());
  EXPECT_EQ(g_after, 1);
}

TEST(AssignOrReturn, MovesValueOrPropagates) {
  g_after = 0;
  auto bad = UsesAssignOrReturn(false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "bad number");
  EXPECT_EQ(g_after, 0);
  auto good = UsesAssignOrReturn(true);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 14);
  EXPECT_EQ(g_after, 1);
}

TEST(AssignOrReturn, WorksWithMoveOnlyTypesAndSeveralUses) {
  auto r = TwoAssignsOnOneFunction(true, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 16);
  EXPECT_EQ(TwoAssignsOnOneFunction(false, true).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(TwoAssignsOnOneFunction(true, false).status().code(), StatusCode::kUnavailable);
  int out = 0;
  ASSERT_TRUE(AssignIntoExisting(out).ok());
  EXPECT_EQ(out, 7);
}

}  // namespace
}  // namespace lz
