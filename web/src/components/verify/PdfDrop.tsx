"use client";

import { FilePdfOutlined } from "@ant-design/icons";
import { Upload } from "antd";
import { useState } from "react";
import { fmt } from "@/i18n";
import { looksLikePdf, sha256OfFile } from "@/lib/verify/sha256";
import { usePublicI18n } from "./PublicI18n";

export interface HashedFile {
  name: string;
  size: number;
  sha256: string;
}

/**
 * A drop zone that computes a PDF's SHA-256 in the browser. Nothing is uploaded: antd's Upload
 * only picks the file (beforeUpload returns false), WebCrypto hashes it here.
 */
export function PdfDrop({ title, onHashed, onError, disabled }: { title: string; onHashed: (file: HashedFile) => void; onError: (message: string) => void; disabled?: boolean }) {
  const { t } = usePublicI18n();
  const [hashing, setHashing] = useState(false);

  const take = async (file: File) => {
    if (!looksLikePdf(file)) {
      onError(fmt(t.document.notPdf, { name: file.name }));
      return;
    }
    setHashing(true);
    try {
      onHashed({ name: file.name, size: file.size, sha256: await sha256OfFile(file) });
    } catch {
      onError(t.document.readFailed);
    } finally {
      setHashing(false);
    }
  };

  return (
    <Upload.Dragger
      accept="application/pdf,.pdf"
      multiple={false}
      showUploadList={false}
      disabled={disabled || hashing}
      beforeUpload={(file) => {
        void take(file);
        return false;
      }}
      className="verify-drop"
    >
      <p className="ant-upload-drag-icon">
        <FilePdfOutlined />
      </p>
      <p className="ant-upload-text">{hashing ? t.document.hashing : title}</p>
      <p className="ant-upload-hint">{t.document.dropHint}</p>
    </Upload.Dragger>
  );
}
