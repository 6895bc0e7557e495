/*
 * Host check (issue 10, session 15): are two vCPUs separate cores? 128 independent FMA chains
 * (AVX-512 when compiled with -march=native) keep a core's FMA ports busy: two copies pinned to
 * two vCPUs that are SMT siblings of one core would each take ~2x as long as one alone; on two
 * cores they take the same time. Run by host-check.sh. Usage: fma N (N FMAs; prints seconds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 40000000000L;
  double a[128];
  for (int k = 0; k < 128; k++) a[k] = 1 + k;
  double t0 = now();
  for (long i = 0; i < n / 128; i++)
    for (int k = 0; k < 128; k++) a[k] = a[k] * 0.9999999 + 1e-9;
  double s = 0;
  for (int k = 0; k < 128; k++) s += a[k];
  printf("%.3f %g\n", now() - t0, s);
  return 0;
}
