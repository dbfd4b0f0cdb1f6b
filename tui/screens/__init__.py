"""The app's full screens, one per mode: sale, goods-in receipt, customer return."""
