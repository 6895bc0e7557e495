/*
 * Host check (issue 10, session 15): LIF 10^5's update + threshold + reset in C, per step,
 * two ways: with a data-dependent branch per spike (4 % of neurons a step, unpredictable: the
 * branch predictor's work, as in brian-ts's WebAssembly kernel) and branch-free (vectorized).
 * In this VM's slow episodes the branchy loop slows ~1.3-1.8x while the branch-free one does
 * not. Usage: lif MODE N STEPS (MODE 0 branchy, 1 branch-free); prints p10 and p50 µs a step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

__attribute__((noinline)) static long branchy(double *v, int *ev, long n) {
  long k = 0;
  for (long i = 0; i < n; i++) {
    double x = 1.1 + (v[i] - 1.1) * 0.990049833749168;
    if (x > 1) { ev[k++] = (int)i; x = 0; }
    v[i] = x;
  }
  return k;
}

__attribute__((noinline)) static long branchFree(double *v, long n) {
  long k = 0;
  for (long i = 0; i < n; i++) {
    double x = 1.1 + (v[i] - 1.1) * 0.990049833749168;
    int s = x > 1;
    k += s;
    v[i] = s ? 0 : x;
  }
  return k;
}

int main(int argc, char **argv) {
  int mode = argc > 1 ? atoi(argv[1]) : 0;
  long n = argc > 2 ? atol(argv[2]) : 100000;
  int steps = argc > 3 ? atoi(argv[3]) : 10000;
  double *v = malloc(n * sizeof *v), *t = malloc(steps * sizeof *t);
  int *ev = malloc(n * sizeof *ev);
  srand(12345);
  for (long i = 0; i < n; i++) v[i] = (double)rand() / RAND_MAX;
  long spikes = 0;
  for (int s = 0; s < steps; s++) {
    double t0 = now();
    spikes += mode == 0 ? branchy(v, ev, n) : branchFree(v, n);
    t[s] = now() - t0;
  }
  qsort(t, steps, sizeof *t, cmp);
  printf("%s p10 %.2f p50 %.2f us, spikes %ld\n", mode == 0 ? "branchy" : "branch-free", 1e6 * t[steps / 10], 1e6 * t[steps / 2], spikes);
  return 0;
}
