/*
 * Part of Router.Serverless's NativeAOT publish (Router.Serverless.targets, "glibc floor").
 *
 * glibc 2.29 gave exp, exp2, log, log2 and pow new implementations under a new symbol version
 * (GLIBC_2.29); a binary linked against glibc 2.29 or later binds them to that version and so does not
 * load on glibc 2.28 (Alibaba FC custom.debian10). The link passes -Wl,--wrap=<name> for each: the
 * runtime's references to <name> reach __wrap_<name> below, which calls the previous version of the
 * same function (the one glibc 2.28 and earlier export, still exported by every later glibc).
 */
#if defined(__x86_64__)
#define ROUTER_GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define ROUTER_GLIBC_BASE "GLIBC_2.17"
#else
#error "Router.Serverless's glibc floor knows the base symbol versions of x86_64 and aarch64 only."
#endif

#define ROUTER_BIND_BASE(name)                                              \
    double router_base_##name(double);                                      \
    __asm__(".symver router_base_" #name "," #name "@" ROUTER_GLIBC_BASE);  \
    double __wrap_##name(double x) { return router_base_##name(x); }

ROUTER_BIND_BASE(exp)
ROUTER_BIND_BASE(exp2)
ROUTER_BIND_BASE(log)
ROUTER_BIND_BASE(log2)

double router_base_pow(double, double);
__asm__(".symver router_base_pow,pow@" ROUTER_GLIBC_BASE);
double __wrap_pow(double x, double y) { return router_base_pow(x, y); }
