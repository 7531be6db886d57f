// GET /v3/certificates: the platform certificate, encrypted under the APIv3 key (AAD "certificate"),
// for merchants still in certificate mode. https://pay.weixin.qq.com/wiki/doc/apiv3/apis/wechatpay5_1.shtml
import { encryptResource, type EncryptedResource } from "./aead";
import { wechatKeys } from "./credentials";
import { rfc3339Beijing } from "./time";

export interface CertificateList {
  data: {
    serial_no: string;
    effective_time: string;
    expire_time: string;
    encrypt_certificate: EncryptedResource;
  }[];
}

export function certificateList(): CertificateList {
  const keys = wechatKeys();
  return {
    data: [
      {
        serial_no: keys.certificateMode.serial,
        effective_time: rfc3339Beijing(Date.parse(keys.platformCert.validFrom)),
        expire_time: rfc3339Beijing(Date.parse(keys.platformCert.validTo)),
        encrypt_certificate: encryptResource(keys.platformCertPem, "certificate", keys.apiV3Key),
      },
    ],
  };
}
