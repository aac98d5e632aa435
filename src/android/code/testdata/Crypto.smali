.class public Lt/Crypto;
.super Ljava/lang/Object;

.field public static final ALG:Ljava/lang/String; = "AES/ECB/PKCS5Padding"
.field public static MODE:Ljava/lang/String;
.field public static KEY:[B

.method static constructor <clinit>()V
    .registers 2
    const-string v0, "DESede/ECB/NoPadding"
    sput-object v0, Lt/Crypto;->MODE:Ljava/lang/String;
    const/4 v0, 4
    new-array v0, v0, [B
    fill-array-data v0, :key
    sput-object v0, Lt/Crypto;->KEY:[B
    return-void
    :key
    .array-data 1
        0x1t 0x2t 0x3t 0x4t
    .end array-data
.end method

.method public static direct()V
    .registers 1
    const-string v0, "AES/ECB/PKCS5Padding"
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    move-result-object v0
    return-void
.end method

.method public static moves()V
    .registers 20
    const-string v1, "DES"
    move-object v2, v1
    move-object/from16 v17, v2
    move-object/16 v18, v17
    move-object/from16 v0, v18
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static staticField()V
    .registers 1
    sget-object v0, Lt/Crypto;->ALG:Ljava/lang/String;
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static clinitField()V
    .registers 3
    sget-object v0, Lt/Crypto;->MODE:Ljava/lang/String;
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    new-instance v1, Ljavax/crypto/spec/SecretKeySpec;
    sget-object v0, Lt/Crypto;->KEY:[B
    const-string v2, "DESede"
    invoke-direct {v1, v0, v2}, Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V
    return-void
.end method

.method public static branches(Z)V
    .registers 2
    if-eqz p0, :other
    const-string v0, "AES/CBC/PKCS5Padding"
    goto :join
    :other
    const-string v0, "AES/ECB/NoPadding"
    :join
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static builder()V
    .registers 3
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    const-string v1, "AES/"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    move-result-object v0
    const-string v1, "ECB/PKCS5Padding"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v2
    invoke-static {v2}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static keyFromArray()V
    .registers 3
    const/16 v0, 16
    new-array v0, v0, [B
    fill-array-data v0, :data
    new-instance v1, Ljavax/crypto/spec/SecretKeySpec;
    const-string v2, "AES"
    invoke-direct {v1, v0, v2}, Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V
    return-void
    :data
    .array-data 1
        0x30t 0x31t 0x32t 0x33t 0x34t 0x35t 0x36t 0x37t
        0x38t 0x39t 0x61t 0x62t 0x63t 0x64t 0x65t -0x1t
    .end array-data
.end method

.method public static keyFromString()V
    .registers 3
    const-string v0, "secretkey1234567"
    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B
    move-result-object v0
    new-instance v1, Ljavax/crypto/spec/SecretKeySpec;
    const-string v2, "AES"
    invoke-direct {v1, v0, v2}, Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V
    return-void
.end method

.method public static zeroIv()V
    .registers 2
    const/16 v0, 16
    new-array v0, v0, [B
    new-instance v1, Ljavax/crypto/spec/IvParameterSpec;
    invoke-direct {v1, v0}, Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V
    return-void
.end method

.method public static aputKey()V
    .registers 4
    const/4 v0, 2
    new-array v0, v0, [B
    const/4 v1, 0
    const/4 v2, 7
    aput-byte v2, v0, v1
    const/4 v1, 1
    const/16 v2, 0x2a
    aput-byte v2, v0, v1
    new-instance v3, Ljavax/crypto/spec/IvParameterSpec;
    invoke-direct {v3, v0}, Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V
    return-void
.end method

.method public static wideParams(JLjava/lang/String;)V
    .registers 3
    invoke-static {p2}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static inCatch()V
    .registers 2
    const-string v1, "RC4"
    :try_start
    const-string v0, "AES/GCM/NoPadding"
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    :try_end
    .catch Ljava/lang/Exception; {:try_start .. :try_end} :handler
    return-void
    :handler
    move-exception v0
    invoke-static {v1}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static loop(I)V
    .registers 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    const/4 v1, 0
    :top
    if-ge v1, p0, :done
    const-string v2, "x"
    invoke-virtual {v0, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    add-int/lit8 v1, v1, 1
    goto :top
    :done
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v2
    invoke-static {v2}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static switched(I)V
    .registers 2
    packed-switch p0, :table
    const-string v0, "A"
    goto :join
    :one
    const-string v0, "B"
    goto :join
    :two
    const-string v0, "C"
    :join
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
    :table
    .packed-switch 1
        :one
        :two
    .end packed-switch
.end method

.method public static randomIv()V
    .registers 3
    const/16 v0, 16
    new-array v0, v0, [B
    new-instance v1, Ljava/security/SecureRandom;
    invoke-direct {v1}, Ljava/security/SecureRandom;-><init>()V
    invoke-virtual {v1, v0}, Ljava/security/SecureRandom;->nextBytes([B)V
    new-instance v2, Ljavax/crypto/spec/IvParameterSpec;
    invoke-direct {v2, v0}, Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V
    return-void
.end method

.method public static helperAppends(Ljava/lang/String;)V
    .registers 3
    new-instance v0, Ljava/lang/StringBuilder;
    const-string v1, "SELECT * FROM t WHERE a = "
    invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V
    invoke-static {v0, p0}, Lt/Crypto;->appendTo(Ljava/lang/StringBuilder;Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public static appendTo(Ljava/lang/StringBuilder;Ljava/lang/String;)V
    .registers 2
    invoke-virtual {p0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    return-void
.end method
