from campaigns.excel.commands import ImportCommand


class Command(ImportCommand):
    kind = "history"
    help = (
        "Nhập khen thưởng các năm trước (trang «Khen thưởng») từ tệp .xlsx theo mẫu. Tất cả hoặc không: một dòng lỗi thì "
        "không ghi gì và liệt kê mọi lỗi (trang, dòng, cột, giá trị, lý do). Nhập lại cùng tệp không thay đổi gì. "
        "--dry-run: chỉ kiểm tra."
    )
