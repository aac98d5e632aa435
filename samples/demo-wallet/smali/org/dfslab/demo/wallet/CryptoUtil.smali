# Planted: W13 AES in ECB mode, W14 a hard-coded key string reaching SecretKeySpec,
# and a native helper in libwallet.so (W15-W17).
.class public Lorg/dfslab/demo/wallet/CryptoUtil;
.super Ljava/lang/Object;
.source "CryptoUtil.java"

.field private static final KEY:Ljava/lang/String; = "DemoWalletKey123"

.method static constructor <clinit>()V
    .registers 1
    const-string v0, "wallet"
    invoke-static {v0}, Ljava/lang/System;->loadLibrary(Ljava/lang/String;)V
    return-void
.end method

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static native nativeCheck(Ljava/lang/String;)I
.end method

.method public static encrypt(Ljava/lang/String;)Ljava/lang/String;
    .registers 6
    :try_start
    new-instance v0, Ljavax/crypto/spec/SecretKeySpec;
    const-string v1, "DemoWalletKey123"
    invoke-virtual {v1}, Ljava/lang/String;->getBytes()[B
    move-result-object v1
    const-string v2, "AES"
    invoke-direct {v0, v1, v2}, Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V
    const-string v1, "AES/ECB/PKCS5Padding"
    invoke-static {v1}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    move-result-object v1
    const/4 v2, 0x1
    invoke-virtual {v1, v2, v0}, Ljavax/crypto/Cipher;->init(ILjava/security/Key;)V
    invoke-virtual {p0}, Ljava/lang/String;->getBytes()[B
    move-result-object v2
    invoke-virtual {v1, v2}, Ljavax/crypto/Cipher;->doFinal([B)[B
    move-result-object v2
    const/4 v3, 0x2
    invoke-static {v2, v3}, Landroid/util/Base64;->encodeToString([BI)Ljava/lang/String;
    move-result-object v0
    :try_end
    .catch Ljava/security/GeneralSecurityException; {:try_start .. :try_end} :failed
    return-object v0
    :failed
    const/4 v0, 0x0
    return-object v0
.end method
