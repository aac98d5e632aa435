.class public Lt/Holder;
.super Ljava/lang/Object;

.field private iv:[B
.field private name:Ljava/lang/String;
.field private other:Ljava/lang/String;

.method public constructor <init>()V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    const/16 v0, 8
    new-array v0, v0, [B
    iput-object v0, p0, Lt/Holder;->iv:[B
    const-string v0, "AES"
    iput-object v0, p0, Lt/Holder;->name:Ljava/lang/String;
    const-string v0, "x"
    iput-object v0, p0, Lt/Holder;->other:Ljava/lang/String;
    return-void
.end method

.method public constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Lt/Holder;-><init>()V
    return-void
.end method

.method public constructor <init>(I)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    const/16 v0, 8
    new-array v0, v0, [B
    iput-object v0, p0, Lt/Holder;->iv:[B
    const-string v0, "DES"
    iput-object v0, p0, Lt/Holder;->name:Ljava/lang/String;
    return-void
.end method

.method public use()V
    .registers 4
    iget-object v0, p0, Lt/Holder;->iv:[B
    new-instance v1, Ljavax/crypto/spec/IvParameterSpec;
    invoke-direct {v1, v0}, Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V
    iget-object v0, p0, Lt/Holder;->name:Ljava/lang/String;
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    iget-object v0, p0, Lt/Holder;->other:Ljava/lang/String;
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method

.method public overwrite(Ljava/lang/String;)V
    .registers 3
    iput-object p1, p0, Lt/Holder;->name:Ljava/lang/String;
    iget-object v0, p0, Lt/Holder;->name:Ljava/lang/String;
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    return-void
.end method
