/*
 * libwallet.so: the Demo Wallet's native helper. Planted weaknesses (see ../README.md):
 * W15 built without a stack protector, with an executable stack and without RELRO (build flags
 * in scripts/build-sample.sh); W16 strcpy into a fixed stack buffer; W17 system() with text
 * that came from Java. This is a fixture for dfslab's ELF checks, not working code.
 */
#include <stddef.h>

typedef const void *jstring_stub;

char *strcpy(char *dst, const char *src);
int system(const char *command);
size_t strlen(const char *s);

/* Java_org_dfslab_demo_wallet_CryptoUtil_nativeCheck(JNIEnv*, jclass, jstring), reduced. */
int Java_org_dfslab_demo_wallet_CryptoUtil_nativeCheck(void *env, void *cls, const char *pin) {
  (void)env;
  (void)cls;
  char buf[16];
  strcpy(buf, pin); /* W16: no bounds check */
  if (strlen(buf) != 4) {
    char cmd[64];
    strcpy(cmd, "log -t DemoWallet bad pin ");
    strcpy(cmd + 26, buf);
    return system(cmd); /* W17: command execution */
  }
  return 0;
}

int JNI_OnLoad(void *vm, void *reserved) {
  (void)vm;
  (void)reserved;
  return 0x00010006; /* JNI_VERSION_1_6 */
}
