"""Digital signatures of the documents the Sở issues (PAdES, with pyHanko), in the form Nghị định 30/2020/NĐ-CP
Phụ lục I asks for electronic documents, and their verification.

- `config`: the certificates, trust roots and time-stamping authority the deployment configures (environment).
- `pades`: the unsigned document prepared once (its signature field and the attachment's information box), the
  signer's signature with its image, the organisation's signature with the image of its seal.
- `verify`: what a PDF is: issued by this Sở, unchanged since signing, who signed and when.

pyHanko is imported only when a document is signed or verified."""
