/* Clocks, memory high-water marks and the printed result table. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool bench_time_more(int runs, int repeat, double min_time, double spent_lib,
                     double spent_baseline)
{
	return runs < repeat ||
	       (runs < 10000 && (spent_lib < min_time || spent_baseline < min_time));
}

/* Linux: writing 5 to clear_refs sets the peak RSS (VmHWM, and so
 * ru_maxrss) back to the current RSS, so that each phase gets its own. */
bool bench_peak_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return false;
	bool ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

long bench_peak_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	if (!f)
		return bench_maxrss_kib();
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib >= 0 ? kib : bench_maxrss_kib();
}

long bench_rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

long bench_maxrss_kib(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* ---- the table ------------------------------------------------------------------ */

static int missed;

void bench_table_header(void)
{
	printf("%-44s %14s %14s %8s %8s  %s\n", "figure", "libcoopedu", "baseline", "ratio", "goal",
	       "met?");
	printf("%.*s\n", 100, "----------------------------------------------------------------------"
	                      "------------------------------");
}

static void number(char *buf, size_t size, double v, const char *unit)
{
	if (v >= 100000)
		snprintf(buf, size, "%.0f %s", v, unit);
	else if (v >= 100)
		snprintf(buf, size, "%.1f %s", v, unit);
	else
		snprintf(buf, size, "%.3g %s", v, unit);
}

void bench_table_row(const char *figure, const char *unit, double lib, double base,
                     bench_goal goal, double limit)
{
	char a[32], b[32], g[16] = "-", ratio[16] = "-";
	const char *met = "-";
	number(a, sizeof a, lib, unit);
	number(b, sizeof b, base, unit);
	if (base > 0) {
		double r = lib / base;
		snprintf(ratio, sizeof ratio, "%.2fx", r);
		if (goal != GOAL_NONE) {
			bool ok = goal == GOAL_AT_LEAST ? r >= limit : r <= limit;
			snprintf(g, sizeof g, "%s%.2gx", goal == GOAL_AT_LEAST ? ">=" : "<=", limit);
			met = ok ? "yes" : "NO";
			missed += !ok;
		}
	}
	printf("%-44s %14s %14s %8s %8s  %s\n", figure, a, b, ratio, g, met);
	fflush(stdout);
}

void bench_table_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int bench_goals_missed(void)
{
	return missed;
}
