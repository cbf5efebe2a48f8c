#include "web/dashboard_model.h"

#include <cstdio>
#include <functional>
#include <map>
#include <tuple>

#include "domain/civil_date.h"
#include "domain/quantity.h"
#include "store/controls.h"
#include "store/dashboard_queries.h"
#include "web/i18n.h"
#include "web/scan_counter.h"
#include "web/svg_chart.h"

namespace web {
namespace {

constexpr int64_t kCst = 8 * 3600;

// (year, month) `back` months before the UTC+8 month of `unix_seconds`.
std::pair<int64_t, int64_t> month_of(int64_t unix_seconds, int back) {
  std::string day = ScanCounter::utc_day(unix_seconds + kCst);
  int64_t y = std::stoll(day.substr(0, 4)), m = std::stoll(day.substr(5, 2));
  int64_t index = y * 12 + (m - 1) - back;
  return {index / 12, index % 12 + 1};
}

std::string both(const std::string& zh, const std::string& en) { return zh + " " + en; }

std::string quantity_text(int64_t milli) { return domain::Quantity::from_milli(milli).str(); }

// Batches per key across units, in the rows' key order.
std::vector<ChartPoint> batches_per_key(const std::vector<store::BatchGroupRow>& rows,
                                        const std::function<std::string(const std::string&)>& label) {
  std::vector<ChartPoint> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().label != label(r.key)) out.push_back({label(r.key), 0});
    out.back().value += double(r.batches);
  }
  return out;
}

DashboardTable group_table(std::string name, std::string title_zh, std::string title_en, std::string key_column,
                           const std::vector<store::BatchGroupRow>& rows,
                           const std::function<std::string(const std::string&)>& label) {
  DashboardTable t{std::move(name),
                   std::move(title_zh),
                   std::move(title_en),
                   {std::move(key_column), both("单位", "unit"), both("批次数", "batches"), both("数量", "quantity")},
                   {},
                   {}};
  for (const auto& r : rows)
    t.rows.push_back({label(r.key), r.unit, std::to_string(r.batches), quantity_text(r.quantity_milli)});
  t.chart = bar_chart(batches_per_key(rows, label), {t.title_zh + " · " + t.title_en + "（批次数 batches）"});
  return t;
}

std::string control_kind(const std::string& kind) { return kind == "recall" ? "召回 recall" : "暂停销售 hold"; }

}  // namespace

std::string cst_month(int64_t unix_seconds, int back) {
  auto [y, m] = month_of(unix_seconds, back);
  char out[16];
  std::snprintf(out, sizeof out, "%04lld-%02lld", static_cast<long long>(y), static_cast<long long>(m));
  return out;
}

int64_t cst_month_start(int64_t unix_seconds, int back) {
  auto [y, m] = month_of(unix_seconds, back);
  return domain::days_from_civil(static_cast<int>(y), static_cast<int>(m), 1) * 86400 - kCst;
}

std::string percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  char out[16];
  std::snprintf(out, sizeof out, "%.1f%%", 100.0 * double(part) / double(whole));
  return out;
}

Dashboard build_dashboard(store::Queries& reader, int64_t now_unix) {
  store::ReadSnapshot snapshot(reader.database());  // every number from one state
  store::DashboardQueries q(reader.database());
  Dashboard d;
  auto category = [](const std::string& k) { return term("zh", "category", k); };
  auto same = [](const std::string& k) { return k; };

  auto by_category = q.batches_by_category();
  for (const auto& r : by_category) d.batches += r.batches;
  d.tables.push_back(
      group_table("products", "按产品类别", "by product category", both("类别", "category"), by_category, category));
  d.tables.push_back(group_table("counties", "按县", "by county", both("县", "county"), q.batches_by_county(), same));

  int64_t from = cst_month_start(now_unix, kDashboardMonths - 1);
  auto by_month = q.batches_by_month(from);
  DashboardTable months =
      group_table("months", "按月份（生产日期）", "by month produced", both("月份", "month"), by_month, same);
  std::map<std::string, double> per_month;  // every month of the range, empty ones too
  for (const auto& r : by_month) per_month[r.key] += double(r.batches);
  std::vector<ChartPoint> month_points;
  for (int back = kDashboardMonths - 1; back >= 0; --back) {
    std::string key = cst_month(now_unix, back);  // "2026-05"
    // A bar is ~20 px wide: the axis says "5月" (the table below has the full month).
    std::string label = std::to_string(std::stoi(key.substr(5))) + "月";
    month_points.push_back({label, per_month.count(key) ? per_month[key] : 0});
  }
  months.chart = bar_chart(month_points, {"按月份批次数 · batches by month"});
  d.tables.push_back(std::move(months));

  auto total = q.inspections_total();
  d.inspections_pass = total.pass;
  d.inspections_fail = total.fail;
  d.pass_rate = percent(total.pass, total.pass + total.fail);
  DashboardTable inspections{
      "inspections",
      "检测合格率（按月）",
      "inspection pass rate by month",
      {both("月份", "month"), both("合格", "pass"), both("不合格", "fail"), both("合格率", "pass rate")},
      {},
      {}};
  std::vector<ChartPoint> rate_points;
  for (const auto& r : q.inspections_by_month(from)) {
    inspections.rows.push_back(
        {r.key, std::to_string(r.pass), std::to_string(r.fail), percent(r.pass, r.pass + r.fail)});
    if (r.pass + r.fail > 0) rate_points.push_back({r.key, 100.0 * double(r.pass) / double(r.pass + r.fail)});
  }
  inspections.rows.push_back(
      {both("合计", "total"), std::to_string(total.pass), std::to_string(total.fail), d.pass_rate});
  ChartOptions rate_options{"检测合格率 · inspection pass rate (%)"};
  rate_options.value_suffix = "%";
  inspections.chart = line_chart(rate_points, rate_options);
  d.tables.push_back(std::move(inspections));

  DashboardTable controls{"controls",
                          "未解除的暂停销售与召回",
                          "open holds and recalls",
                          {both("类型", "kind"), both("商品条码", "GTIN"), both("批号", "lot"), both("级别", "level"),
                           both("原因", "reason"), both("开始", "since"), both("批次", "batch id")},
                          {},
                          {}};
  // The table lists the newest controls; the counts cover all of them.
  for (const auto& c : store::Controls(reader.database()).open_all(kDashboardControls)) {
    auto batch = reader.batch(c.batch_id);
    controls.rows.push_back({control_kind(c.kind), batch ? batch->gtin : "", batch ? batch->lot : "",
                             c.level ? std::to_string(*c.level) : "", c.reason, c.since, c.batch_id});
  }
  std::tie(d.open_holds, d.open_recalls) = q.open_control_counts();
  controls.chart = bar_chart({{"暂停销售 holds", double(d.open_holds)}, {"召回 recalls", double(d.open_recalls)}},
                             {"未解除的批次 · batches under hold or recall", 320, 180, "#b3261e"});
  d.tables.push_back(std::move(controls));

  DashboardTable scans{"scans",
                       "消费者扫码（近 30 天）",
                       "consumer scans, last 30 days",
                       {both("日期（UTC）", "day (UTC)"), both("扫码次数", "scans")},
                       {},
                       {}};
  std::string first = ScanCounter::utc_day(now_unix - int64_t(kDashboardDays - 1) * 86400);
  std::string today = ScanCounter::utc_day(now_unix);
  std::map<std::string, int64_t> per_day;
  for (const auto& r : q.scan_days(first, today)) per_day[r.day] = r.scans;
  std::vector<ChartPoint> day_points;
  for (int back = kDashboardDays - 1; back >= 0; --back) {
    std::string day = ScanCounter::utc_day(now_unix - int64_t(back) * 86400);
    int64_t n = per_day.count(day) ? per_day[day] : 0;
    d.scans_30_days += n;
    scans.rows.push_back({day, std::to_string(n)});
    day_points.push_back({day.substr(5), double(n)});
  }
  scans.chart = line_chart(day_points, {"每日扫码次数 · scans per day"});
  d.tables.push_back(std::move(scans));
  return d;
}

const DashboardTable* find_table(const Dashboard& dashboard, std::string_view name) {
  for (const auto& t : dashboard.tables)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace web
