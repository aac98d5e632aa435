/*
 * Link-time stand-in for Android's libc.so (bionic), so libwallet.so records
 * "NEEDED libc.so" like an NDK build, without needing the NDK. Never packaged.
 */
#include <stddef.h>

char *strcpy(char *dst, const char *src) { (void)src; return dst; }
int system(const char *command) { (void)command; return 0; }
size_t strlen(const char *s) { (void)s; return 0; }
